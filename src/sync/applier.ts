import type { Clock } from '../clock';
import type { Repositories } from '../db/repositories';
import { receive, wallMs, type Stamp } from '../domain/sync/hlc';
import { mergeRecipient, recipientFields, type RecipientValues } from '../domain/sync/recipients';
import { log } from '../log';
import type { EventBus } from '../services/events';
import type { Transactor } from '../services/tx';
import { changeEvent, eventEnvelope, eventVersion, type ChangeEvent } from './event';

export interface ApplierDeps {
  repos: Pick<Repositories, 'sync'>;
  tx: Transactor;
  clock: Clock;
  events: EventBus;
}

/**
 * What became of one message: `applied`; `own` (this node's change, already here), `duplicate` (a redelivery of
 * a change applied before), `skipped` (not a valid change: acknowledged and never retried) — all acknowledged;
 * or `held`: not yet (a change from a newer Packroom, or one whose predecessor from the same node has not been
 * applied), left unacknowledged for JetStream to deliver again.
 */
export type ApplyResult = 'applied' | 'own' | 'duplicate' | 'skipped' | 'held';

/** The creation of a record carries every column the table requires. */
const requiredOnCreate = ['first_name', 'last_name', 'unit', 'manually_edited', 'created_at'] as const;

/**
 * Applies other nodes' changes to this database, each exactly once, in its own short transaction
 * (docs/architecture.md, "The stream, the publisher, the applier"). Knows nothing of NATS: the engine hands it
 * each message's JSON and acknowledges by its answer.
 */
export class Applier {
  constructor(private readonly deps: ApplierDeps) {}

  receive(data: unknown): ApplyResult {
    const envelope = eventEnvelope.safeParse(data);
    const node = this.deps.repos.sync.node();
    if (!envelope.success || envelope.data.site !== node.site) {
      log.warn("Sync: a message on the site's stream is not a change of this site; it is skipped.");
      return 'skipped';
    }
    const { origin, seq, v, node: nodeName } = envelope.data;
    if (origin === node.nodeUid) return 'own';
    if (v > eventVersion) {
      log.warn(`Sync: node ${nodeName} sends changes of a newer Packroom (version ${v}); update this computer to apply them.`);
      return 'held';
    }
    const { repos, tx, clock, events } = this.deps;
    return tx.run((): ApplyResult => {
      const mark = repos.sync.appliedSeq(origin);
      if (seq <= mark) return 'duplicate';
      // A node's changes apply in the order it made them: one that comes early waits for the one before it.
      if (seq > mark + 1) return 'held';
      const now = clock.now();
      repos.sync.markApplied({ origin, nodeName, seq, appliedAt: now, lagMs: Math.max(0, now - wallMs(envelope.data.hlc)) });
      const change = changeEvent.safeParse(data);
      if (!change.success) {
        log.error(`Sync: change ${seq} of node ${nodeName} is not valid; it is skipped.`, change.error);
        return 'skipped';
      }
      repos.sync.setClock(receive(repos.sync.node().hlc, change.data.hlc));
      repos.sync.beginApplying();
      const id = this.applyRecipient(change.data, now);
      repos.sync.endApplying();
      if (id !== null) tx.onCommit(() => events.emit('recipients.changed', { id }));
      return 'applied';
    });
  }

  /** Returns the local id of the recipient changed, or null when the change could not apply. */
  private applyRecipient(event: ChangeEvent, now: number): number | null {
    const { sync } = this.deps.repos;
    const stamp: Stamp = { hlc: event.hlc, origin: event.origin };
    const local = sync.recipient(event.uid);
    const merged = mergeRecipient(local?.stamps ?? { created: null, fields: {}, deactivated: {}, activated: {} }, {
      stamp,
      fields: event.fields,
      status: event.status,
    });
    if (!local) {
      const values = event.fields;
      if (requiredOnCreate.some((field) => values[field] === undefined)) {
        log.error(`Sync: change ${event.seq} of node ${event.node} edits a recipient this node never received; it is skipped.`);
        return null;
      }
      const full = Object.fromEntries(recipientFields.map((f) => [f, values[f] ?? null])) as Required<RecipientValues>;
      const id = sync.insertRecipient(event.uid, full, merged.status, now);
      sync.setStamp(event.uid, '~created', stamp);
      sync.setStatusRegisters(event.uid, merged);
      return id;
    }
    sync.updateRecipient(local.id, merged.write, merged.status, now);
    for (const field of Object.keys(merged.write)) sync.setStamp(event.uid, field, stamp);
    sync.setStatusRegisters(event.uid, merged);
    return local.id;
  }
}
