import {
  messageText,
  type RosterDryRun,
  type RosterFieldChange,
  type RosterMoveOut,
  type RosterRecipientChange,
  type RosterRun,
} from '../contract';
import { percent } from '../services/roster/summary';

const shownPerList = 10;
const shownErrors = 20;

const moveOutReasons: Record<RosterMoveOut['reason'], string> = {
  'missing-from-file': 'not in the file',
  'inactive-in-file': 'marked as moved out in the file',
  'move-out-date-passed': 'move-out date has passed',
};

const value = (v: string | null) => v ?? '(blank)';

function change(c: RosterFieldChange): string {
  return `${c.field} ${value(c.from)} → ${value(c.to)}${c.applied ? '' : ' (kept the manual edit)'}`;
}

function who(r: RosterRecipientChange): string {
  return `${r.line === null ? '' : `line ${r.line}  `}${r.externalId}  ${r.name} (unit ${r.unit})`;
}

function section<T>(title: string, total: number, items: readonly T[], line: (item: T) => string, shown = shownPerList): string[] {
  if (total === 0) return [];
  const more = total > Math.min(items.length, shown) ? ` (first ${Math.min(items.length, shown)} of ${total})` : '';
  return [`${title}${more}:`, ...items.slice(0, shown).map((item) => `  ${line(item)}`)];
}

/** The preview as the Import tab shows it, for a terminal: counts first, then the first rows of each list. */
export function formatPreview(preview: RosterDryRun): string {
  const lines = [`Preview of ${preview.fileName}: ${preview.rows} rows.`];
  for (const problem of preview.problems) lines.push(`Problem: ${messageText(problem)}`);
  for (const warning of preview.warnings) lines.push(`Note: ${messageText(warning)}`);
  if (preview.layout.headerLines.length > 0) {
    lines.push(`Header on line ${preview.layout.headerLines.join(' and ')}; ${preview.layout.titleRows} title row(s) above it skipped.`);
  }
  for (const v of preview.unknownValues) {
    lines.push(
      `Status "${v.value}" (${v.rows} rows, first on line ${v.firstLine}): ${v.choice ?? 'unknown to Packroom; map it in Import (rows skipped until then)'}`,
    );
  }
  const diff = preview.diff;
  if (!diff) return `${lines.join('\n')}\n`;
  const { counts, safety } = diff;
  lines.push(
    `  New:               ${counts.added}`,
    `  Changed:           ${counts.changed}${counts.conflicts ? ` (${counts.conflicts} edited by hand in Packroom)` : ''}`,
    `  Moved out:         ${counts.movedOut}`,
    `  Back again:        ${counts.reactivated}`,
    `  Unchanged:         ${counts.unchanged}`,
    `  Former, skipped:   ${counts.skippedInactive}`,
    `  Rows with errors:  ${counts.errors}`,
    `  Without a field:   ${diff.warnings.length}`,
    `  Linked by name:    ${diff.linked.length}`,
    ...Object.entries(diff.skipped)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `  Skipped (${kind}): ${n}`),
    ...section('New', counts.added, diff.added, (a) => `line ${a.line}  ${a.externalId}  ${a.firstName} ${a.lastName} (unit ${a.unit})`),
    ...section('Changed', counts.changed, diff.changed, (c) => `${who(c)}: ${c.changes.map(change).join('; ')}`),
    ...section('Moved out', counts.movedOut, diff.movedOut, (m) => `${who(m)}: ${moveOutReasons[m.reason]}`),
    ...section('Back again', counts.reactivated, diff.reactivated, (r) => `${who(r)}: ${r.changes.map(change).join('; ')}`),
    ...section(
      'Errors',
      diff.errors.length,
      diff.errors,
      (e) => `line ${e.line}${e.column ? `, column "${e.column}"` : ''}: ${messageText(e.reason)}`,
      shownErrors,
    ),
    ...section(
      'Imported without a field',
      diff.warnings.length,
      diff.warnings,
      (w) => `line ${w.line}: ${messageText(w.reason)}`,
      shownErrors,
    ),
    ...section(
      'Linked (added by hand, same unit and name)',
      diff.linked.length,
      diff.linked,
      (l) => `line ${l.line}  ${l.name} (unit ${l.unit}) → ${l.externalId}`,
    ),
    `Deactivates ${safety.wouldDeactivate} of ${safety.activeBefore} active imported residents (${percent(safety.share)}); the limit is ${percent(safety.limit)}.`,
  );
  if (safety.exceeded) lines.push('That is over the limit: applying it needs --yes-deactivate-many.');
  return `${lines.join('\n')}\n`;
}

export function formatApplied(run: RosterRun): string {
  const c = run.counts ?? {};
  const kept = c.keptManual ? `; ${c.keptManual} change(s) held back for manual edits` : '';
  return `Applied: ${c.added ?? 0} added, ${c.changed ?? 0} changed, ${c.movedOut ?? 0} deactivated, ${c.reactivated ?? 0} back again${kept}.\n`;
}
