import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock';
import { message, type EventName, type Events, type Message } from '../contract';
import type { Repositories } from '../db/repositories';
import { receive, wallMs } from '../domain/sync/hlc';
import { isClockAhead } from '../domain/sync/watch';
import { log } from '../log';
import type { AlertKind, AlertService } from '../services/alerts/service';
import type { EventBus } from '../services/events';
import { searchMergePages } from '../services/roster/apply';
import { chunkBudgetMs, chunkWorkMs } from '../services/roster/chunks';
import type { Transactor } from '../services/tx';
import { sharedEntities } from './entities';
import type { SharedEntity } from './entities/types';
import { changeEvent, eventEnvelope, eventVersion } from './event';
import { HeldChanges } from './held';

export interface ApplierDeps {
  repos: Repositories;
  tx: Transactor;
  clock: Clock;
  events: EventBus;
  /** A change held a few minutes, a node's clock ahead, two records with one external id: staff are told. */
  alerts: Pick<AlertService, 'raise' | 'stand' | 'resolve'>;
}

/**
 * What became of one message: `applied`; `own` (this node's change, already here), `duplicate` (a redelivery of
 * a change applied before), `skipped` (not a valid change: acknowledged and never retried) — all acknowledged;
 * or `held`: not yet (a change from a newer Packroom, or one whose predecessor from the same node has not been
 * applied), left unacknowledged for JetStream to deliver again.
 */
export type ApplyResult = 'applied' | 'own' | 'duplicate' | 'skipped' | 'held';

/**
 * Applies other nodes' changes to this database, each exactly once, in its own short transaction
 * (docs/architecture.md, "The stream, the publisher, the applier"). Knows nothing of NATS: the engine hands it
 * each message's JSON and acknowledges by its answer. What a change does to its rows is its entity's
 * (src/sync/entities/).
 */
export class Applier {
  private readonly held = new HeldChanges();
  // What the held-change alert says now (`origin:seq`, or null for none); undefined until the first look, so an alert
  // left standing by the last run is closed when nothing is held any more.
  private heldSaid: string | null | undefined;
  // The nodes whose clock-ahead alert was raised this run: raised again only after a change within bounds.
  private readonly ahead = new Set<string>();
  // What the last batch's commit took: the next one writes for the rest of the budget (as the roster's chunks).
  private lastCommitMs = 0;

  constructor(private readonly deps: ApplierDeps) {}

  /**
   * Applies the first changes of `batch` (at least one) in one transaction that holds the door no longer than a
   * roster import's chunk: it writes until the chunk's budget, less what the last commit took, is spent (never
   * less than the chunk's minimum), then commits. Each change stays all or nothing inside it (a savepoint): one
   * whose write fails is held, logged, and the others commit. Returns the results of the changes it took, in order.
   * One commit for many changes is what makes a catch-up fast: each commit waits for the disk. In a `burst` (the
   * engine has paused the name search's merges, as a roster apply does) each transaction also does a bounded step
   * of that merge work, inside its budget. `now` measures the work; a test passes its own, since on a loaded
   * machine any change can take the whole budget.
   */
  receiveSome(
    batch: readonly unknown[],
    { burst = false, now = () => performance.now() }: { burst?: boolean; now?: () => number } = {},
  ): ApplyResult[] {
    const started = now();
    const budget = Math.max(chunkWorkMs, chunkBudgetMs - this.lastCommitMs);
    const results: ApplyResult[] = [];
    let wrote = started;
    this.deps.tx.run(() => {
      if (burst) this.deps.repos.recipients.mergeSearchIndex(searchMergePages);
      for (const data of batch) {
        try {
          results.push(this.receive(data));
        } catch (error) {
          log.error('Sync: applying a change failed; it will be tried again.', error);
          results.push('held');
        }
        if (now() - started >= budget) break;
      }
      wrote = now();
    });
    this.lastCommitMs = now() - wrote;
    return results;
  }

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
      return this.heldForNewer(data, envelope.data);
    }
    const entityName = (data as { entity?: unknown }).entity;
    const entity = typeof entityName === 'string' ? sharedEntities.get(entityName) : undefined;
    if (typeof entityName === 'string' && !entity && /^[a-zA-Z]{1,40}$/.test(entityName)) {
      // A kind of record a newer Packroom shares: held, never skipped, so nothing is lost once this node is updated.
      log.warn(`Sync: node ${nodeName} shares "${entityName}", which this Packroom does not know; update this computer to apply it.`);
      return this.heldForNewer(data, envelope.data);
    }
    let result: ApplyResult;
    try {
      result = this.write(data, envelope.data, entity);
    } catch (error) {
      // The database refused the write (a constraint no rule foresaw): held and tried again; the same node's later
      // changes wait behind it, so after a few minutes staff are told which node and which record.
      log.error(`Sync: change ${seq} of node ${nodeName} cannot be saved here; it will be tried again.`, error);
      this.held.held({ origin, node: nodeName, seq, record: this.describe(data, entity), reason: 'refused' }, this.deps.clock.now());
      this.watchHeld();
      return 'held';
    }
    if (result === 'applied') {
      this.held.applied(origin);
      this.watchClock(origin, nodeName, envelope.data.hlc);
    }
    this.watchHeld();
    return result;
  }

  /** One change in one short transaction: the mark, the clock, the entity's rule, the events and alerts after the commit. */
  private write(
    data: unknown,
    envelope: { origin: string; seq: number; node: string; hlc: number },
    entity: SharedEntity | undefined,
  ): ApplyResult {
    const { origin, seq, node: nodeName } = envelope;
    const { repos, tx, clock, events, alerts } = this.deps;
    return tx.run((): ApplyResult => {
      const mark = repos.sync.appliedSeq(origin);
      if (seq <= mark) return 'duplicate';
      // A node's changes apply in the order it made them: one that comes early waits for the one before it.
      if (seq > mark + 1) return 'held';
      const now = clock.now();
      repos.sync.markApplied({ origin, nodeName, seq, appliedAt: now, lagMs: Math.max(0, now - wallMs(envelope.hlc)) });
      const event = changeEvent.safeParse(data);
      const change = event.success && entity ? entity.change.safeParse(event.data) : null;
      if (!event.success || !entity || !change?.success) {
        log.error(`Sync: change ${seq} of node ${nodeName} is not valid; it is skipped.`, event.error ?? change?.error);
        return 'skipped';
      }
      repos.sync.setClock(receive(repos.sync.node().hlc, event.data.hlc));
      const emitted: (() => void)[] = [];
      const raised: (() => void)[] = [];
      repos.sync.beginApplying();
      entity.apply(change.data, {
        repos,
        stamp: { hlc: event.data.hlc, origin },
        nodeName,
        now,
        emit: <E extends EventName>(name: E, payload: Events[E]) => emitted.push(() => events.emit(name, payload)),
        raise: (kind: AlertKind, sentence: Message) => raised.push(() => alerts.raise(kind, sentence)),
        raiseHere: (kind: AlertKind, sentence: Message) => alerts.raise(kind, sentence),
      });
      repos.sync.endApplying();
      for (const after of [...emitted, ...raised]) tx.onCommit(after);
      return 'applied';
    });
  }

  /**
   * A change only a newer Packroom can apply: held (JetStream delivers it again) with that node's later changes, and
   * staff are told at once to update this computer. A redelivery of a change applied before is not one: it was
   * applied by this version, so it is acknowledged as a duplicate.
   */
  private heldForNewer(data: unknown, envelope: { origin: string; seq: number; node: string }): ApplyResult {
    const { origin, seq, node } = envelope;
    if (seq <= this.deps.repos.sync.appliedSeq(origin)) return 'duplicate';
    this.held.held({ origin, node, seq, record: this.describe(data, undefined), reason: 'newer' }, this.deps.clock.now());
    this.watchHeld();
    return 'held';
  }

  /** The record a held change is about, as staff recognise it; by its kind and uid when its entity cannot say. */
  private describe(data: unknown, entity: SharedEntity | undefined): Message {
    const change = data as { entity?: unknown; uid?: unknown; fields?: unknown };
    const uid = typeof change.uid === 'string' ? change.uid : '?';
    const fields = typeof change.fields === 'object' && change.fields !== null ? (change.fields as Record<string, unknown>) : {};
    return entity?.describe?.(uid, fields, this.deps.repos) ?? message('site.record.other', { entity: String(change.entity), uid });
  }

  /** Raises the standing alert for the change held longest once it is overdue, and closes it when nothing is. */
  private watchHeld(): void {
    const overdue = this.held.overdue(this.deps.clock.now());
    const said = overdue ? `${overdue.origin}:${overdue.seq}` : null;
    if (said === this.heldSaid) return;
    this.heldSaid = said;
    if (overdue) {
      const { since, node, record, reason } = overdue;
      this.deps.alerts.stand(
        'sync.changeHeld',
        reason === 'newer'
          ? message('site.alert.changeHeldNewer', { since, node })
          : message('site.alert.changeHeld', { since, node, record }),
      );
    } else this.deps.alerts.resolve('sync.changeHeld');
  }

  /** A change stamped more than five minutes ahead of this clock: that node's clock (or this one's) is wrong. */
  private watchClock(origin: string, node: string, hlc: number): void {
    if (!isClockAhead(hlc, this.deps.clock.now())) {
      this.ahead.delete(origin);
      return;
    }
    if (this.ahead.has(origin)) return;
    this.ahead.add(origin);
    log.warn(`Sync: node ${node} stamps its changes more than 5 minutes ahead of this computer's clock.`);
    this.deps.alerts.raise('sync.clockAhead', message('site.alert.clockAhead', { node }));
  }
}
