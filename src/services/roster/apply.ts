import type { RecipientRepository, RosterRecipient, RosterUpdate } from '../../db/repositories/recipients';
import type { FieldChange, ManualEditPolicy, RecipientUpdate, RosterDiff } from '../../domain/roster/diff';
import type { Actor, AuditService } from '../audit';
import type { CredentialService, SealedCredential } from '../credentials';

export interface AppliedCounts {
  added: number;
  changed: number;
  movedOut: number;
  reactivated: number;
  /** Changes held back because staff edited the recipient by hand (keep-manual). */
  keptManual: number;
}

export interface ApplyDeps {
  repo: RecipientRepository;
  credentials: CredentialService;
  audit: AuditService;
}

export interface ApplyInput {
  diff: RosterDiff;
  byExternalId: ReadonlyMap<string, RosterRecipient>;
  policy: ManualEditPolicy;
  welcome: boolean;
  now: number;
  /** From credentials.sealMany: at least one per new or returning resident. */
  sealed: readonly SealedCredential[];
}

type AuditRow = { action: string; subject: string; details: Record<string, unknown> };

const fieldChanges = (changes: readonly FieldChange[]) => Object.fromEntries(changes.map((c) => [c.field, { from: c.from, to: c.to }]));

/**
 * Writes a previewed roster diff. Runs inside the caller's transaction: statements are prepared once
 * per batch, credentials were sealed beforehand, and the audit rows go in as one batch.
 */
export function applyRosterDiff({ repo, credentials, audit }: ApplyDeps, actor: Actor, input: ApplyInput): AppliedCounts {
  const { diff, byExternalId, policy, welcome, now, sealed } = input;
  const rows: AuditRow[] = [];
  const counts: AppliedCounts = { added: 0, changed: 0, movedOut: 0, reactivated: 0, keptManual: 0 };

  const updates: RosterUpdate[] = [];
  const written = new Map<RecipientUpdate, RosterRecipient>();
  for (const update of [...diff.changed, ...diff.movedOut, ...diff.reactivated]) {
    const current = byExternalId.get(update.externalId)!;
    const applied = update.changes.filter((c) => c.applied);
    counts.keptManual += update.changes.length - applied.length;
    if (applied.length === 0) continue;
    const next: RosterRecipient = { ...current, manuallyEdited: policy === 'import-wins' ? false : current.manuallyEdited };
    for (const c of applied) (next as unknown as Record<string, string | null>)[c.field] = c.to;
    updates.push(next);
    written.set(update, next);
  }
  // Rows first: issuing credentials to a returning resident needs them active already.
  repo.updateImported(updates, now);

  for (const update of diff.changed) {
    if (!written.has(update)) continue;
    counts.changed += 1;
    rows.push(row('roster.updated', written.get(update)!, { line: update.line, ...fieldChanges(update.changes.filter((c) => c.applied)) }));
  }
  for (const update of diff.movedOut) {
    const next = written.get(update);
    if (!next || next.status !== 'inactive') continue;
    counts.movedOut += 1;
    const revoked = credentials.revokeAll(actor, next.id, { batched: true });
    rows.push(row('roster.deactivated', next, { reason: update.reason, credentialsRevoked: revoked, ...fieldChanges(update.changes) }));
  }
  const returning = diff.reactivated.flatMap((update) => {
    const next = written.get(update);
    return next?.status === 'active' ? [{ update, recipient: next }] : [];
  });
  const ids = repo.insertImported(diff.added, now);
  const added = diff.added.map((fields, i) => ({ fields, recipient: { ...fields, id: ids[i]! } }));
  const issued = credentials.issueSealed(
    actor,
    [...returning, ...added].map(({ recipient }, i) => ({ recipient, credential: sealed[i]! })),
    { notify: welcome },
  );

  returning.forEach(({ update, recipient }, i) => {
    rows.push(row('roster.reactivated', recipient, { line: update.line, notified: channels(issued[i]!), ...fieldChanges(update.changes) }));
  });
  added.forEach(({ fields, recipient }, i) => {
    rows.push(
      row('roster.added', recipient, {
        line: fields.line,
        externalId: fields.externalId,
        notified: channels(issued[returning.length + i]!),
      }),
    );
  });
  counts.reactivated = returning.length;
  counts.added = added.length;

  audit.recordBatch(actor, rows);
  return counts;
}

function row(action: string, recipient: { id: number }, details: Record<string, unknown>): AuditRow {
  return { action, subject: `recipient:${recipient.id}`, details };
}

const channels = (notifications: readonly { channel: string }[]) => notifications.map((n) => n.channel).join(', ') || 'none';
