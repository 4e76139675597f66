import type { Repositories } from '../../db/repositories';
import type {
  ActivityFilter,
  ActivityStaff,
  ActorKind,
  AuditEntry,
  AuditExportChunk,
  AuditExportInput,
  AuditPage,
  Message,
} from '../../contract';
import { activityKindOf, activityKindPrefixes } from '../../contract/activity';
import type { AuditListRow, AuditRow } from '../../db/repositories/audit';
import type { Clock } from '../../clock';
import { exportAuditCsv } from '../auditTrail';
import type { EventBus } from '../events';
import type { Transactor } from '../tx';

/** Who did something: a staff member, or the door, the CLI, the system itself. */
export interface Actor {
  staffId: number | null;
  label: string;
}

export const systemActor: Actor = { staffId: null, label: 'system' };
export const cliActor: Actor = { staffId: null, label: 'cli' };

// The labels Packroom's own schedules write as their actor (packages' reminders, nightly backups, daily imports).
const packroomLabels = new Set([systemActor.label, 'nightly backup', 'daily import']);

function actorOf(row: AuditRow, staffName: string | null): { actorKind: ActorKind; actorName: string | null } {
  if (row.actorStaffId !== null) return { actorKind: 'staff', actorName: staffName ?? row.actor };
  const carrierName = row.details?.carrierName;
  if (row.action.startsWith('door.') && row.subject?.startsWith('carrier:') && typeof carrierName === 'string') {
    return { actorKind: 'carrier', actorName: carrierName };
  }
  if (row.actor === 'door') return { actorKind: 'door', actorName: null };
  if (packroomLabels.has(row.actor)) return { actorKind: 'packroom', actorName: null };
  if (row.actor === cliActor.label) return { actorKind: 'cli', actorName: null };
  return { actorKind: 'other', actorName: row.actor };
}

/** An entry as the screen reads it: the stored fields, and beside them who and whom by name. */
export function toAuditEntry(row: AuditRow, names: Omit<AuditListRow, keyof AuditRow> | null = null): AuditEntry {
  const recipient = names?.recipient ?? null;
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    actorStaffId: row.actorStaffId,
    action: row.action,
    subject: row.subject,
    details: row.details,
    kind: activityKindOf(row.action),
    ...actorOf(row, names?.actorName ?? null),
    recipientId: recipient?.id ?? null,
    subjectLabel: recipient ? `${recipient.firstName} ${recipient.lastName}, ${recipient.unit}` : (names?.subjectName ?? null),
    node: names?.node ?? null,
  };
}

/**
 * A detail that is a sentence of the core: the row keeps its English under `name` (the export, the chain, older
 * Packrooms), and its key and parameters beside it, so the Activity screen shows it in the reader's language.
 */
export const auditSentence = (name: string, sentence: Message): Record<string, unknown> => ({
  [`${name}Key`]: sentence.key,
  ...(sentence.params && { [`${name}Params`]: sentence.params }),
});

/**
 * Ids one filtered `list` call reads at most, so the door's thread is never held long (measured on a 2-core machine
 * under load, 1,000,000 rows: comparing columns takes about 1 ms per 10,000 ids, looking for words in the names and
 * details 2 to 20 ms per 2,000; unbounded, a search that matched nothing took 5.7 s).
 */
const listSpan = 10_000;
const searchSpan = 2_000;

export interface AuditDeps {
  repos: Pick<Repositories, 'audit' | 'staff'>;
  clock: Clock;
  tx: Transactor;
  events: EventBus;
}

export class AuditService {
  constructor(private readonly deps: AuditDeps) {}

  /**
   * Call inside the transaction that makes the change, so the change and its record stand or fall together.
   * `at` is when it happened, for a write kept in memory while the database was full and saved later.
   */
  record(
    actor: Actor,
    action: string,
    subject: string | null,
    details: Record<string, unknown> | null = null,
    at: number = this.deps.clock.now(),
  ): AuditEntry {
    const row = this.deps.repos.audit.insert({
      at,
      actorStaffId: actor.staffId,
      actor: actor.label,
      action,
      subject,
      details,
    });
    this.deps.tx.onCommit(() => this.deps.events.emit('activity.appended', this.named(row)));
    return toAuditEntry(row);
  }

  /**
   * Many rows at once, inside the caller's transaction, without a live event each: a roster import
   * announces itself with one summary row instead of flooding every open Activity view.
   */
  recordBatch(actor: Actor, entries: readonly { action: string; subject: string | null; details: Record<string, unknown> | null }[]): void {
    const at = this.deps.clock.now();
    for (const e of entries) this.deps.repos.audit.insert({ at, actorStaffId: actor.staffId, actor: actor.label, ...e });
  }

  /** A piece of a CSV export; the first piece is itself recorded, so handing the log over leaves a trace. */
  export(actor: Actor, input: AuditExportInput): AuditExportChunk {
    if (input.afterId === undefined) {
      this.deps.tx.run(() => this.record(actor, 'activity.export', null, { from: input.from, to: input.to, doorOnly: input.doorOnly }));
    }
    return exportAuditCsv(this.deps.repos.audit, input);
  }

  /**
   * Newest first, narrowed by every filter given; `subject` is a stored subject such as `recipient:3`. A recipient's
   * or subject's history is an index lookup; any other filter reads a bounded span of ids per call (a sparse match
   * would otherwise scan the whole log while the door waits), and says where to go on from.
   */
  list(opts: Partial<ActivityFilter> & { limit: number; beforeId?: number | undefined; subject?: string }): AuditPage {
    const { recipientId, kind, from, to, query, limit, beforeId, ...rest } = opts;
    const bounded = kind !== undefined || from !== undefined || to !== undefined || rest.staffId !== undefined || Boolean(query);
    const top = beforeId ?? this.deps.repos.audit.lastId() + 1;
    const floor = bounded ? Math.max(0, top - 1 - (query ? searchSpan : listSpan)) : 0;
    const rows = this.deps.repos.audit.list({
      ...rest,
      limit,
      beforeId: top,
      ...(floor > 0 && { afterId: floor }),
      ...(recipientId !== undefined && { subject: `recipient:${recipientId}` }),
      ...(kind !== undefined && { actionPrefixes: activityKindPrefixes[kind] }),
      ...(from !== undefined && { from: Date.parse(from) }),
      ...(to !== undefined && { to: Date.parse(to) }),
      ...(query && { query }),
    });
    const items = rows.slice(0, limit).map((row) => toAuditEntry(row, row));
    const next = rows.length > limit ? items.at(-1)!.id : floor > 0 ? floor + 1 : null;
    return { items, more: next !== null, next };
  }

  /** Everyone who can have done something, by display name, for the screen's filter. */
  staff(): ActivityStaff[] {
    return this.deps.repos.staff
      .list()
      .map((s) => ({ id: s.id, name: s.displayName, active: s.active }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The live event's entry, with names: read after the commit, so the door's decision never waits for it, and
   * never fails for it (a row the database cannot read back goes out without names).
   */
  private named(row: AuditRow): AuditEntry {
    try {
      return toAuditEntry(row, this.deps.repos.audit.listed(row.id) ?? null);
    } catch {
      return toAuditEntry(row);
    }
  }
}
