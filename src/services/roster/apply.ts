import type { RecipientRepository, RosterRecipient, RosterUpdate } from '../../db/repositories/recipients';
import type { FieldChange, ManualEditPolicy, MoveOutReason, NewRecipient, RecipientUpdate, RosterDiff } from '../../domain/roster/diff';
import type { Actor, AuditService } from '../audit/service';
import type { CredentialService, SealedCredential } from '../credentials/service';

export interface AppliedCounts {
  added: number;
  changed: number;
  movedOut: number;
  reactivated: number;
  /** Changes held back because staff edited the recipient by hand (keep-manual). */
  keptManual: number;
  /** Recipients someone edited while the import was applying: left as edited. */
  editedMeanwhile: number;
}

export const noneApplied = (): AppliedCounts => ({ added: 0, changed: 0, movedOut: 0, reactivated: 0, keptManual: 0, editedMeanwhile: 0 });

/**
 * One recipient's share of an import: everything written for them goes in one transaction, so the door
 * sees each recipient either as before the import or as after it, never in between.
 */
export type PlanItem =
  | { kind: 'add'; recipient: NewRecipient }
  | {
      kind: 'changed' | 'movedOut' | 'reactivated';
      /** The row as the import leaves it. */
      next: RosterUpdate;
      /** updated_at when previewed: a recipient written since is left alone. */
      expected: number;
      line: number | null;
      /** Applied changes, for the audit. */
      changes: FieldChange[];
      reason?: MoveOutReason;
      /** A hand-added recipient this import links to the file's ID. */
      linkExternalId?: string;
    }
  | { kind: 'link'; id: number; expected: number; externalId: string; line: number };

/**
 * The previewed diff as a list of per-recipient writes. Move-outs come first: access that should end
 * ends as early in the apply as possible. Returns how many changes keep-manual held back.
 */
export function planApply(
  diff: RosterDiff,
  byExternalId: ReadonlyMap<string, RosterRecipient>,
  policy: ManualEditPolicy,
): { items: PlanItem[]; keptManual: number } {
  const items: PlanItem[] = [];
  let keptManual = 0;
  const linkedWritten = new Set<string>();
  const update = (kind: 'changed' | 'movedOut' | 'reactivated') => (u: RecipientUpdate & { reason?: MoveOutReason }) => {
    const current = byExternalId.get(u.externalId)!;
    const applied = u.changes.filter((c) => c.applied);
    keptManual += u.changes.length - applied.length;
    if (applied.length === 0 && u.linkedRecipientId === undefined) return;
    const { externalId: _externalId, updatedAt, ...row } = current;
    const next: RosterUpdate = { ...row, manuallyEdited: policy === 'import-wins' ? false : current.manuallyEdited };
    for (const c of applied) (next as unknown as Record<string, string | null>)[c.field] = c.to;
    if (u.linkedRecipientId !== undefined) linkedWritten.add(u.externalId);
    items.push({
      kind,
      next,
      expected: updatedAt,
      line: u.line,
      changes: kind === 'changed' ? applied : u.changes,
      ...(u.reason && { reason: u.reason }),
      ...(u.linkedRecipientId !== undefined && { linkExternalId: u.externalId }),
    });
  };
  diff.movedOut.forEach(update('movedOut'));
  diff.changed.forEach(update('changed'));
  diff.reactivated.forEach(update('reactivated'));
  for (const link of diff.linked) {
    if (linkedWritten.has(link.externalId)) continue;
    const current = byExternalId.get(link.externalId)!;
    items.push({ kind: 'link', id: link.recipientId, expected: current.updatedAt, externalId: link.externalId, line: link.line });
  }
  for (const recipient of diff.added) items.push({ kind: 'add', recipient });
  return { items, keptManual };
}

/** How many fresh PINs and QR codes a chunk needs (seal them beforehand with credentials.sealMany). */
export const credentialsNeeded = (items: readonly PlanItem[]) =>
  items.filter((i) => i.kind === 'add' || (i.kind === 'reactivated' && i.next.status === 'active')).length;

export interface ApplyDeps {
  repo: RecipientRepository;
  credentials: CredentialService;
  audit: AuditService;
}

type AuditRow = { action: string; subject: string; details: Record<string, unknown> };

// Name-search merge work per apply transaction (see RecipientRepository.pauseSearchMerges): enough to keep
// up with the one new index segment each transaction makes.
export const searchMergePages = 32;

const fieldChanges = (changes: readonly FieldChange[]) => Object.fromEntries(changes.map((c) => [c.field, { from: c.from, to: c.to }]));

/** One apply transaction's writes; see startChunk. */
export interface ChunkWriter {
  /** Writes these recipients' rows (in plan order, after the ones written before). */
  write(items: readonly PlanItem[]): void;
  /** Issues the credentials and writes the audit rows for everything written: once, at the end. */
  finish(): { counts: AppliedCounts; sealedUsed: number };
}

/**
 * Writes a chunk of a plan, inside the caller's transaction, as the caller hands it over a few recipients at
 * a time (so it can stop when the transaction has run long enough): statements kept prepared,
 * credentials sealed beforehand and issued together at the end, the audit rows as one batch. The caller
 * merges the name-search index once per transaction (searchMergePages).
 */
export function startChunk(
  { repo, credentials, audit }: ApplyDeps,
  actor: Actor,
  options: { welcome: boolean; now: number; sealed: readonly SealedCredential[] },
): ChunkWriter {
  const counts = noneApplied();
  const rows: AuditRow[] = [];
  type Update = Exclude<PlanItem, { kind: 'add' | 'link' }>;
  const returning: { item: Update; recipient: RosterUpdate }[] = [];
  const newcomers: { fields: NewRecipient; recipient: NewRecipient & { id: number } }[] = [];

  const write = (items: readonly PlanItem[]): void => {
    const writes = items.filter((i) => i.kind !== 'add');
    const current = repo.updatedAt(writes.map((i) => (i.kind === 'link' ? i.id : i.next.id)));
    const fresh = writes.filter((i) => current.get(i.kind === 'link' ? i.id : i.next.id) === i.expected);
    counts.editedMeanwhile += writes.length - fresh.length;

    // Rows first: issuing credentials to a returning resident needs them active already.
    const updates = fresh.flatMap((i) => (i.kind === 'link' ? [] : [i]));
    repo.updateImported(
      updates.map((i) => i.next),
      options.now,
    );
    for (const item of fresh) {
      if (item.kind === 'link') repo.linkImported(item.id, item.externalId);
      else if (item.linkExternalId) repo.linkImported(item.next.id, item.linkExternalId);
    }

    for (const item of fresh) {
      if (item.kind === 'link') {
        rows.push(row('roster.linked', item.id, { line: item.line, externalId: item.externalId }));
        continue;
      }
      const linked = item.linkExternalId ? { linkedTo: item.linkExternalId } : {};
      if (item.kind === 'changed') {
        counts.changed += 1;
        rows.push(row('roster.updated', item.next.id, { line: item.line, ...linked, ...fieldChanges(item.changes) }));
      } else if (item.kind === 'movedOut' && item.next.status === 'inactive') {
        counts.movedOut += 1;
        const revoked = credentials.revokeAll(actor, item.next.id, { batched: true });
        rows.push(
          row('roster.deactivated', item.next.id, {
            reason: item.reason,
            credentialsRevoked: revoked,
            ...linked,
            ...fieldChanges(item.changes),
          }),
        );
      } else if (item.kind === 'reactivated' && item.next.status === 'active') {
        returning.push({ item, recipient: item.next });
      }
    }

    const added = items.flatMap((i) => (i.kind === 'add' ? [i.recipient] : []));
    const ids = repo.insertImported(added, options.now);
    added.forEach((fields, i) => newcomers.push({ fields, recipient: { ...fields, id: ids[i]! } }));
  };

  const finish = () => {
    const issued = credentials.issueSealed(
      actor,
      [...returning, ...newcomers].map(({ recipient }, i) => ({ recipient, credential: options.sealed[i]! })),
      { notify: options.welcome },
    );
    returning.forEach(({ item, recipient }, i) => {
      const linked = item.linkExternalId ? { linkedTo: item.linkExternalId } : {};
      rows.push(
        row('roster.reactivated', recipient.id, {
          line: item.line,
          notified: channels(issued[i]!),
          ...linked,
          ...fieldChanges(item.changes),
        }),
      );
    });
    newcomers.forEach(({ fields, recipient }, i) => {
      rows.push(
        row('roster.added', recipient.id, {
          line: fields.line,
          externalId: fields.externalId,
          notified: channels(issued[returning.length + i]!),
        }),
      );
    });
    counts.reactivated = returning.length;
    counts.added = newcomers.length;
    audit.recordBatch(actor, rows);
    return { counts, sealedUsed: returning.length + newcomers.length };
  };

  return { write, finish };
}

export function addCounts(a: AppliedCounts, b: AppliedCounts): AppliedCounts {
  return {
    added: a.added + b.added,
    changed: a.changed + b.changed,
    movedOut: a.movedOut + b.movedOut,
    reactivated: a.reactivated + b.reactivated,
    keptManual: a.keptManual + b.keptManual,
    editedMeanwhile: a.editedMeanwhile + b.editedMeanwhile,
  };
}

function row(action: string, recipientId: number, details: Record<string, unknown>): AuditRow {
  return { action, subject: `recipient:${recipientId}`, details };
}

const channels = (notifications: readonly { channel: string }[]) => notifications.map((n) => n.channel).join(', ') || 'none';

/**
 * New credentials sealed ahead of the transactions that store them: while one chunk is written, the next
 * chunks' are sealed (in the sealing thread), so the apply does not wait for them chunk by chunk.
 */
export class SealedReserve {
  private sealed: SealedCredential[] = [];
  private coming: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly seal: (count: number) => Promise<SealedCredential[]>,
    /** How many to keep sealed ahead, at most. */
    private readonly ahead: number,
  ) {}

  /** At least `count` sealed credentials, in order; waits for them if need be. */
  async take(count: number): Promise<readonly SealedCredential[]> {
    while (this.sealed.length < count) {
      this.refill(count - this.sealed.length);
      await this.coming;
      if (this.failure) throw this.failure;
    }
    return this.sealed;
  }

  /** The first `count` were stored. */
  used(count: number): void {
    this.sealed = this.sealed.slice(count);
  }

  /** Starts sealing what the rest of the apply may still need (`remaining`), so that up to `ahead` are sealed. */
  prepare(remaining: number): void {
    const wanted = Math.min(this.ahead, remaining) - this.sealed.length;
    if (wanted > 0) this.refill(wanted);
  }

  private refill(count: number): void {
    if (this.coming) return;
    this.coming = this.seal(count).then(
      (more) => {
        this.sealed = this.sealed.concat(more);
        this.coming = null;
      },
      (error: unknown) => {
        this.failure = error;
        this.coming = null;
      },
    );
  }
}
