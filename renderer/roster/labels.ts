import type {
  RosterColumnId,
  RosterField,
  RosterMoveOut,
  RosterPreset,
  RosterRun,
  RosterSkipKind,
  RosterStatusChoice,
} from '../../src/contract';
import { formatNumber, i18n } from '../i18n';

const t = i18n.t.bind(i18n);

/**
 * Options for a counted string: `count` picks the plural form, `n` is the count as the language writes numbers
 * ("1,234" or "1234"). The catalogs write `{{n}}`, since i18next prints `{{count}}` unformatted.
 */
export const counted = (count: number) => ({ count, n: formatNumber(count) });

/** The import's columns, in the words on the mapping screen. */
export const columnLabel = (column: RosterColumnId) => t(`roster.columns.${column}`);

export const fieldLabel = (field: RosterField) => t(`roster.fields.${field}`);

export const moveOutReason = (reason: RosterMoveOut['reason']) => t(`roster.moveOut.${reason}`);

export const outcomeLabel = (outcome: RosterRun['outcome']) => t(`roster.runs.outcome.${outcome}`);

export const triggerLabel = (trigger: RosterRun['trigger']) => t(`roster.runs.trigger.${trigger}`);

const statusChoices: RosterStatusChoice[] = ['current', 'notice', 'future', 'moved-out', 'ignore'];

export const statusChoiceOptions = () => statusChoices.map((value) => ({ value, label: t(`roster.statusValues.choice.${value}`) }));

/** How the preview names the report rows it skipped, as "3 section headings". */
export const skipLabel = (kind: RosterSkipKind, count: number) => t(`roster.layout.skip.${kind}`, counted(count));

/** The systems an export comes from, by their product names, which stay as they are in every language; only "Other" is translated. */
export const presetOptions = (presets: { id: RosterPreset; label: string }[]) =>
  presets.map((p) => ({ value: p.id, label: p.id === 'generic' ? t('roster.choose.otherPreset') : p.label }));

/** One count of an import's result, as "8 new" or "2 rows with errors". */
export const countPart = (kind: 'new' | 'changed' | 'movedOut' | 'reactivated' | 'errors', count: number) =>
  t(`roster.counts.${kind}`, counted(count));
