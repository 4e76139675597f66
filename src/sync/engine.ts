import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Clock } from '../clock';
import type { BulkWrites } from '../db/checkpoints';
import type { DeferredDurability } from '../db/durability';
import type { Repositories } from '../db/repositories';
import type { SyncNode } from '../db/repositories/sync';
import { log } from '../log';
import type { EventBus } from '../services/events';
import { yieldToDoor } from '../services/turns';
import type { Applier, ApplyResult } from './applier';
import { sharedEntities } from './entities';
import { eventFrom, messageId, nodeSubject, siteSubjects, streamName } from './event';
import { connectionProblem, natsOptions, type SyncAuth } from './connection';
import { loadNats } from './nats';
import { siteStatus } from './site';

export interface SyncEngineDeps {
  repos: Pick<Repositories, 'sync' | 'recipients'>;
  applier: Applier;
  clock: Clock;
  /** The site's NATS server: the saved one, or `serve --sync URL`. */
  url: string;
  /** How this node proves who it is and checks the server: the data folder's sealed auth file, or `serve`'s options. */
  auth: SyncAuth;
  /** The core's events: a local change wakes the publisher at once. */
  events: EventBus;
  /** A burst of changes is applied as a roster import's chunks are: WAL checkpoints off the door's thread. */
  bulk: BulkWrites;
  /** A burst's transactions commit without waiting for the disk; its changes are acknowledged once they are on it. */
  durability: Pick<DeferredDurability, 'relaxed' | 'flushed'>;
  /** How long the publisher rests when the outbox is empty (a write no event announces waits this long), and before it retries a failed publish (ms). */
  pollMs?: number;
  retryMs?: number;
}

/** How far a joining node is: changes of the stream received so far, of those it held when this node connected. */
export interface CatchUpProgress {
  done: number;
  total: number;
}

/** How long JetStream remembers a message id to drop its resend (its default, said here because we rely on it). */
const duplicateWindowMs = 2 * 60_000;
const batch = 100;

/** A burst of changes being applied (SyncEngine.burst): ended when the stream holds no more for this node. */
interface Burst {
  end(): Promise<void>;
}

/** A message's JSON; null (skipped by the applier as not a change) when it is not JSON. */
function json(m: JsMsg): unknown {
  try {
    return m.json();
  } catch {
    return null;
  }
}

/** The durable consumer of one node: its position in the site's stream survives restarts on both sides. */
export const consumerName = (nodeUid: string): string => `node-${nodeUid}`;

/**
 * Makes the stream and this node's durable consumer when they do not exist yet (both idempotent: every node does
 * it on every connection, so the first node up creates the stream and a server whose store was lost gets it back).
 */
export async function ensureStream(nc: NatsConnection, site: string, nodeUid: string): Promise<void> {
  const { jetstream: js, transport } = await loadNats();
  const { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, StorageType } = js;
  const jsm = await js.jetstreamManager(nc);
  const name = streamName(site);
  try {
    await jsm.streams.info(name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add({
      name,
      subjects: [siteSubjects(site)],
      storage: StorageType.File,
      duplicate_window: transport.nanos(duplicateWindowMs),
    });
  }
  await jsm.consumers.add(name, {
    durable_name: consumerName(nodeUid),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: siteSubjects(site),
  });
}

/**
 * This node's link to the others (docs/architecture.md, "The stream, the publisher, the applier"): connects to
 * the site's NATS server and keeps trying while it is away, publishes the outbox in order, and hands every
 * message of the stream to the applier. Built by the core only when the data folder has sync settings.
 */
export class SyncEngine {
  private stopped = false;
  private connection: NatsConnection | null = null;
  private running: Promise<void> | null = null;
  // Who is resting: stop() wakes both; a local change wakes the publisher only, the return of the connection both.
  private wakePublisher: (() => void) | null = null;
  private wakeConnect: (() => void) | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  // Stopped before the connection closes, so nothing is written to a connection on its way out.
  private messages: ConsumerMessages | null = null;
  private readonly pollMs: number;
  private readonly retryMs: number;
  // What the screens were last told (report): the connection and the count of changes waiting.
  private told: string | null = null;
  /**
   * A node that joined and has not yet applied its site's changes up to the stream's last sequence at connect
   * (`catchUpTo`): its door refuses every code meanwhile ("starting up"). Read by the door on every key press,
   * so kept here, not read from the database; the database keeps it across a restart (sync_node.caught_up).
   */
  private catching: boolean;
  private catchUpTo: { first: number; last: number } | null = null;
  private readonly caughtUpWaiters: (() => void)[] = [];
  private readonly progressListeners = new Set<(progress: CatchUpProgress) => void>();
  // A burst's changes applied by relaxed commits, acknowledged once an fsync after their commit is done (ackDurable).
  private readonly unsynced: JsMsg[] = [];
  private syncing: Promise<void> | null = null;

  constructor(private readonly deps: SyncEngineDeps) {
    this.pollMs = deps.pollMs ?? 500;
    this.retryMs = deps.retryMs ?? 1_000;
    this.catching = !deps.repos.sync.node().caughtUp;
  }

  /** True while this joining node is still receiving its site's changes: its door is starting up. */
  get catchingUp(): boolean {
    return this.catching;
  }

  /** Resolves once caught up (at once for a node that already was); `onProgress` hears each change received meanwhile. */
  caughtUp(onProgress?: (progress: CatchUpProgress) => void): Promise<void> {
    if (!this.catching) return Promise.resolve();
    if (onProgress) this.progressListeners.add(onProgress);
    return new Promise((resolve) =>
      this.caughtUpWaiters.push(() => {
        if (onProgress) this.progressListeners.delete(onProgress);
        resolve();
      }),
    );
  }

  start(): void {
    if (this.running) return;
    // After the commit: the trigger has already written the change to the outbox.
    const wake = () => {
      this.report();
      this.wakePublisher?.();
    };
    const names = new Set([...sharedEntities.values()].flatMap((entity) => entity.localEvents));
    for (const name of names) this.unsubscribe.push(this.deps.events.on(name, wake));
    this.running = this.run().catch((error: unknown) => {
      if (!this.stopped) log.error('Sync with the other computers stopped.', error);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const off of this.unsubscribe.splice(0)) off();
    this.wakePublisher?.();
    this.wakeConnect?.();
    this.messages?.stop();
    // Acknowledgements waiting for the disk go out first; one lost here is redelivered and skipped by the marks.
    await this.syncing;
    await this.connection?.close().catch(() => undefined);
    await this.running;
    // Neither connected nor cut off: not running. `site status` says so rather than a stale "connected".
    this.deps.repos.sync.notRunning();
  }

  private async run(): Promise<void> {
    const node = this.deps.repos.sync.node();
    if (!node.site || !node.nodeName) throw new Error('this data folder has no sync settings');
    const nc = await this.connect(node);
    if (!nc) return;
    this.watch(nc);
    await Promise.all([this.publish(nc, node), this.apply(nc, node)]);
  }

  /** The first connection, retried until it succeeds or the engine stops; the client reconnects by itself after it. */
  private async connect(node: SyncNode): Promise<NatsConnection | null> {
    const { repos, clock, url, auth } = this.deps;
    let told = false;
    while (!this.stopped) {
      try {
        const { transport } = await loadNats();
        const nc = await transport.connect({
          ...(await natsOptions({ url, auth })),
          name: `packroom ${node.site}/${node.nodeName}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: this.retryMs,
        });
        await ensureStream(nc, node.site!, node.nodeUid);
        if (this.catching) await this.aimCatchUp(nc, node.site!);
        if (this.stopped) {
          await nc.close();
          return null;
        }
        this.connection = nc;
        repos.sync.connected(clock.now());
        this.report();
        log.info(`Sync: connected to ${url} as ${node.nodeName} of site ${node.site}.`);
        return nc;
      } catch (error) {
        // Said once per outage, not at every retry; a refused password stays refused until IT changes it.
        if (!told) log.warn(`Sync: ${await connectionProblem({ url, auth }, error)}; retrying.`);
        told = true;
        repos.sync.disconnected(clock.now());
        this.report();
        await this.rest(this.retryMs, 'connect');
      }
    }
    return null;
  }

  /** Records each loss and return of the connection, for `site status` and the header. */
  private watch(nc: NatsConnection): void {
    const { repos, clock } = this.deps;
    void (async () => {
      for await (const status of nc.status()) {
        if (this.stopped) return;
        if (status.type === 'disconnect') {
          repos.sync.disconnected(clock.now());
          this.report();
        }
        if (status.type === 'reconnect') {
          repos.sync.connected(clock.now());
          this.report();
          this.wakePublisher?.();
        }
      }
    })();
  }

  /**
   * The outbox to the stream, in order, a window of changes at a time: all of them are sent on the one connection
   * (the server stores them in the order they come), then their acknowledgements are awaited together and the
   * acknowledged ones, a prefix, leave the outbox in one statement. Waiting for each acknowledgement before the next
   * change, and a commit for each, held a 50,000-recipient import to about 200 changes/s on the test machine.
   */
  private async publish(nc: NatsConnection, node: SyncNode): Promise<void> {
    const { repos } = this.deps;
    const js: JetStreamClient = (await loadNats()).jetstream.jetstream(nc);
    const subject = nodeSubject(node.site!, node.nodeName!);
    const self = { site: node.site!, nodeUid: node.nodeUid, nodeName: node.nodeName! };
    let failing = false;
    while (!this.stopped) {
      // Once per batch sent, per failed attempt and per rest: the header's count follows the outbox as it drains.
      this.report();
      const rows = repos.sync.pending(batch);
      if (rows.length === 0) {
        await this.rest(this.pollMs, 'publish');
        continue;
      }
      const acks = await Promise.allSettled(
        rows.map((row) => js.publish(subject, JSON.stringify(eventFrom(row, self)), { msgID: messageId(node.nodeUid, row.seq) })),
      );
      const refused = acks.findIndex((ack) => ack.status === 'rejected');
      const through = refused === -1 ? rows.length : refused;
      if (through > 0) repos.sync.published(rows[through - 1]!.seq);
      if (refused === -1) {
        failing = false;
        continue;
      }
      // The first refused change and every one after it stay in the outbox and are sent again: a copy the server
      // stored meanwhile is dropped as a duplicate (its message id), and one stored after a gap is held by the
      // appliers until the change before it arrives.
      const error = (acks[refused] as PromiseRejectedResult).reason as unknown;
      if (!failing && !this.stopped)
        log.warn(`Sync: publishing failed (${error instanceof Error ? error.message : String(error)}); retrying.`);
      failing = true;
      await this.rest(this.retryMs, 'publish');
    }
  }

  /** Every message of the site's stream to the applier, acknowledged by its answer, in short transactions. */
  private async apply(nc: NatsConnection, node: SyncNode): Promise<void> {
    let failing = false;
    // A consumer that ends by itself (deleted on the server, a store lost) is looked up again: ensureStream on the
    // next attempt recreates what is missing, and the marks make anything delivered twice harmless.
    while (!this.stopped && !nc.isClosed()) {
      try {
        await ensureStream(nc, node.site!, node.nodeUid);
        await this.consume(nc, node);
        failing = false;
      } catch (error) {
        if (!failing && !this.stopped)
          log.warn(`Sync: receiving changes failed (${error instanceof Error ? error.message : String(error)}); retrying.`);
        failing = true;
      }
      if (!this.stopped) await this.rest(this.retryMs, 'connect');
    }
  }

  private async consume(nc: NatsConnection, node: SyncNode): Promise<void> {
    const consumer = await (await loadNats()).jetstream.jetstream(nc).consumers.get(streamName(node.site!), consumerName(node.nodeUid));
    const messages = await consumer.consume({ max_messages: batch });
    this.messages = messages;
    if (this.stopped) messages.stop();
    const waiting: { m: JsMsg; data: unknown }[] = [];
    let burst: Burst | null = null;
    try {
      for await (const m of messages) {
        if (this.stopped) break;
        waiting.push({ m, data: json(m) });
        // More in the stream for this node (a catch-up, a burst from another node): they go into the same short
        // transactions. By the stream's count, not the client's: getPending() counts messages asked for and not yet
        // received, which stays above zero once the stream has run dry, so the last batch waited for the pull to
        // expire (30 s) and was delivered again.
        if (m.info.pending > 0 && waiting.length < batch) continue;
        // JetStream says how many more the stream holds for this node: a burst lasts until that is none.
        if (!burst && m.info.pending > 0) burst = this.burst();
        await this.applyWaiting(waiting, burst !== null);
        if (burst && m.info.pending === 0) {
          await burst.end();
          burst = null;
        }
      }
    } finally {
      await burst?.end();
    }
  }

  /**
   * A burst of changes: as a roster apply, the WAL is checkpointed by a thread instead of inside a commit on the
   * door's thread, and the name search's index merges are paused (each applying transaction does a bounded step
   * of them instead), so no commit of the burst pays for copying the WAL or merging most of the index at once.
   */
  private burst(): Burst {
    const { bulk, repos } = this.deps;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const running = bulk.during(async () => {
      repos.recipients.pauseSearchMerges();
      try {
        await finished;
      } finally {
        repos.recipients.resumeSearchMerges();
      }
    });
    return {
      end: () => {
        finish();
        return running;
      },
    };
  }

  /** Applies what waits, in short transactions, acknowledging each message by its answer; leaves `waiting` empty unless stopped. */
  private async applyWaiting(waiting: { m: JsMsg; data: unknown }[], burst: boolean): Promise<void> {
    const { applier, durability } = this.deps;
    while (waiting.length > 0 && !this.stopped) {
      let results: ApplyResult[];
      try {
        const apply = () =>
          applier.receiveSome(
            waiting.map((w) => w.data),
            { burst },
          );
        // In a burst no commit waits for the disk (it held the door for an fsync each, 10 to 80 ms on a busy disk):
        // the changes are acknowledged once a later fsync, off this thread, has them on the disk, so a crash or a
        // power cut before it makes JetStream deliver them again, and the marks skip what did survive.
        results = burst ? durability.relaxed(apply) : apply();
      } catch (error) {
        // The commit itself was refused (a full disk): nothing of the batch applied, all of it comes again.
        log.error('Sync: applying changes failed; they will be tried again.', error);
        results = waiting.map(() => 'held' as const);
      }
      for (const [i, result] of results.entries()) {
        const { m } = waiting[i]!;
        if (result === 'held') m.nak(this.retryMs);
        else {
          if (burst) this.ackDurable(m);
          else m.ack();
          if (this.catching) this.advanceCatchUp(m.seq);
        }
      }
      waiting.splice(0, results.length);
      // The door's thread: a key press waits for one short transaction at most.
      await yieldToDoor();
    }
  }

  /**
   * Acknowledges `m` once what was committed before now is on the disk. One fsync at a time covers every change
   * committed before it started, so the acknowledgements of a burst follow its transactions a flush behind.
   */
  private ackDurable(m: JsMsg): void {
    this.unsynced.push(m);
    this.syncing ??= this.flushAndAck();
  }

  private async flushAndAck(): Promise<void> {
    try {
      while (this.unsynced.length > 0) {
        const done = this.unsynced.splice(0);
        await this.deps.durability.flushed();
        for (const m of done) m.ack();
      }
    } catch (error) {
      // Left unacknowledged: JetStream delivers them again after its wait, and the marks skip what was applied.
      this.unsynced.length = 0;
      log.warn(`Sync: the applied changes could not be flushed to the disk (${String(error)}); they will be received again.`);
    } finally {
      this.syncing = null;
    }
  }

  /**
   * Tells the screens (`site.status`: the header's badge, Settings → This computer) when the connection came or went
   * or the count of changes waiting moved; a node heard from again is not news enough to push (the card reads it).
   */
  private report(): void {
    const status = siteStatus(this.deps.repos);
    if (!status) return;
    const said = `${status.connected}|${status.disconnectedSince}|${status.pendingOut}`;
    if (said === this.told) return;
    this.told = said;
    this.deps.events.emit('site.status', status);
  }

  /** Where the stream stands as this joining node connects: what it has to apply before its door serves. */
  private async aimCatchUp(nc: NatsConnection, site: string): Promise<void> {
    const jsm = await (await loadNats()).jetstream.jetstreamManager(nc);
    const { state } = await jsm.streams.info(streamName(site));
    this.catchUpTo = { first: state.first_seq, last: state.last_seq };
    // An empty stream (a site with nothing shared yet) has nothing to wait for.
    if (state.messages === 0) this.finishCatchUp();
  }

  private advanceCatchUp(seq: number): void {
    const target = this.catchUpTo;
    if (!target) return;
    const progress = { done: Math.max(0, seq - target.first + 1), total: target.last - target.first + 1 };
    for (const listener of this.progressListeners) listener(progress);
    if (seq >= target.last) this.finishCatchUp();
  }

  private finishCatchUp(): void {
    this.deps.repos.sync.caughtUp();
    this.catching = false;
    log.info('Sync: caught up with the site; the door serves.');
    for (const done of this.caughtUpWaiters.splice(0)) done();
  }

  /** Waits `ms`, or less when woken (see the wake slots). */
  private rest(ms: number, who: 'publish' | 'connect'): Promise<void> {
    const slot = who === 'publish' ? 'wakePublisher' : 'wakeConnect';
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this[slot] === done) this[slot] = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this[slot] = done;
    });
  }
}
