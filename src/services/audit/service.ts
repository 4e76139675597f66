import type { Repositories } from '../../db/repositories';
import type { AuditEntry, AuditExportChunk, AuditExportInput, AuditPage } from '../../contract';
import { type AuditRow } from '../../db/repositories/audit';
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

export const toAuditEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: new Date(row.at).toISOString(),
  actor: row.actor,
  action: row.action,
  subject: row.subject,
  details: row.details,
});

export interface AuditDeps {
  repos: Pick<Repositories, 'audit'>;
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
    const entry = toAuditEntry(row);
    this.deps.tx.onCommit(() => this.deps.events.emit('activity.appended', entry));
    return entry;
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

  list(opts: { limit: number; beforeId?: number; subject?: string }): AuditPage {
    const rows = this.deps.repos.audit.list(opts);
    return { items: rows.slice(0, opts.limit).map(toAuditEntry), more: rows.length > opts.limit };
  }
}
