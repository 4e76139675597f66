import type { Repositories } from '../../db/repositories';
import { messageText, type Alert, type Channel, type Message } from '../../contract';
import type { Clock } from '../../clock';
import { systemActor, type Actor, type AuditService } from '../audit/service';
import type { EventBus } from '../events';
import type { PendingWrites } from '../pendingWrites';
import type { Transactor } from '../tx';

export type AlertKind =
  | 'door.failures'
  | 'door.lockout'
  | 'door.relay'
  | 'device.missing'
  | 'device.permission'
  | 'device.protocol'
  | 'notification.failed'
  | 'import'
  | 'carrier.unlogged'
  | 'system.restart'
  | 'storage'
  | 'package.waiting'
  | 'package.inactive'
  | 'package.missing'
  | 'package.holdReturn'
  | 'package.assignedTwice'
  | 'backup'
  | 'access.doubleUse'
  | 'sync.duplicate'
  | 'sync.clockAhead'
  | StandingKind;

/**
 * Alerts about a lasting state rather than an event (a channel not set up): keyed by their kind, at most one open
 * each, raised again only to update its words, and closed by Packroom itself when the cause is gone (`resolve`).
 */
export type StandingKind = 'notification.emailNotSetUp' | 'notification.smsNotSetUp' | 'sync.changeHeld';

/** The standing alert for each notification channel that is not set up. */
export const notSetUpAlert = {
  email: 'notification.emailNotSetUp',
  sms: 'notification.smsNotSetUp',
} as const satisfies Record<Channel, StandingKind>;

export interface AlertDeps {
  repos: Pick<Repositories, 'alerts'>;
  clock: Clock;
  tx: Transactor;
  writes: PendingWrites;
  audit: AuditService;
  events: EventBus;
}

const standingKinds: ReadonlySet<string> = new Set<StandingKind>([
  'notification.emailNotSetUp',
  'notification.smsNotSetUp',
  'sync.changeHeld',
]);
const isStanding = (kind: string | undefined): kind is StandingKind => kind !== undefined && standingKinds.has(kind);

/** An alert raised while the database could not be written: shown from memory until it is saved. */
interface HeldAlert {
  id: number;
  at: number;
  kind: AlertKind;
  sentence: Message;
  /** The sentence in English, as saved for the command line and the log. */
  message: string;
  acknowledged: { actor: Actor; at: number } | null;
}

/** Problems staff must see and acknowledge; each is also in the audit log. */
export class AlertService {
  private readonly held = new Set<HeldAlert>();
  private heldIds = 0;
  /**
   * Standing alerts staff acknowledged while their cause stays: kept quiet until it is fixed, so the next notice
   * that cannot go out does not raise it again. In memory (the table has no column to say "acknowledged, still
   * standing"), so after a restart a cause that is still there is raised once more.
   */
  private readonly quiet = new Set<StandingKind>();

  constructor(private readonly deps: AlertDeps) {}

  raise(kind: AlertKind, sentence: Message): void {
    // The same English is the same alert: a repeating problem shows once.
    const text = messageText(sentence);
    for (const h of this.held) if (h.kind === kind && h.message === text && !h.acknowledged) return;
    // Ids counted down from the top never meet SQLite's row ids, so staff can acknowledge a held alert too.
    const held: HeldAlert = {
      id: Number.MAX_SAFE_INTEGER - this.heldIds++,
      at: this.deps.clock.now(),
      kind,
      sentence,
      message: text,
      acknowledged: null,
    };
    const saved = this.deps.writes.save(() => {
      if (this.deps.repos.alerts.hasOpen(kind, text)) return;
      const id = this.deps.repos.alerts.insert({ at: held.at, kind, message: sentence });
      this.deps.audit.record(systemActor, 'alert.raised', null, { kind, message: text }, held.at);
      if (held.acknowledged) {
        this.deps.repos.alerts.acknowledge(id, held.acknowledged.actor.staffId, held.acknowledged.at);
        this.deps.audit.record(held.acknowledged.actor, 'alert.acknowledged', `alert:${id}`, null, held.acknowledged.at);
      }
      this.deps.tx.onCommit(() => {
        this.held.delete(held);
        this.changed();
      });
    });
    if (!saved) {
      this.held.add(held);
      this.changed();
    }
  }

  /** The cause of a standing alert is there: one open alert of its kind, saying `sentence` (updated if it says other words). */
  stand(kind: StandingKind, sentence: Message): void {
    if (this.quiet.has(kind)) return;
    const text = messageText(sentence);
    this.deps.tx.run(() => {
      const open = this.deps.repos.alerts.openOfKind(kind);
      if (open?.message === text) return;
      const now = this.deps.clock.now();
      if (open) this.deps.repos.alerts.reword(open.id, sentence);
      else this.deps.repos.alerts.insert({ at: now, kind, message: sentence });
      this.deps.audit.record(systemActor, 'alert.raised', null, { kind, message: text }, now);
      this.deps.tx.onCommit(() => this.changed());
    });
  }

  /** The cause of a standing alert is gone: its open alert closes by itself (audited), and the next time it comes back is news again. */
  resolve(kind: StandingKind): void {
    this.quiet.delete(kind);
    this.deps.tx.run(() => {
      const now = this.deps.clock.now();
      const closed = this.deps.repos.alerts.resolve(kind, now);
      for (const id of closed) this.deps.audit.record(systemActor, 'alert.resolved', `alert:${id}`, { kind }, now);
      if (closed.length > 0) this.deps.tx.onCommit(() => this.changed());
    });
  }

  list(): Alert[] {
    const held = [...this.held]
      .filter((h) => !h.acknowledged)
      .map((h) => ({ ...h, node: null }))
      .reverse();
    const saved = this.deps.repos.alerts.open().map((a) => ({ id: a.id, at: a.at, kind: a.kind, sentence: a.message, node: a.node }));
    return [...held, ...saved].map((a) => ({
      id: a.id,
      at: new Date(a.at).toISOString(),
      kind: a.kind,
      message: a.sentence,
      node: a.node,
    }));
  }

  acknowledge(actor: Actor, id: number): void {
    const held = [...this.held].find((h) => h.id === id);
    if (held) {
      held.acknowledged ??= { actor, at: this.deps.clock.now() };
      this.changed();
      return;
    }
    this.deps.tx.run(() => {
      if (!this.deps.repos.alerts.acknowledge(id, actor.staffId, this.deps.clock.now())) return;
      const kind = this.deps.repos.alerts.kindOf(id);
      this.deps.audit.record(actor, 'alert.acknowledged', `alert:${id}`);
      this.deps.tx.onCommit(() => {
        if (isStanding(kind)) this.quiet.add(kind);
        this.changed();
      });
    });
  }

  private changed(): void {
    let open = this.deps.repos.alerts.countOpen();
    for (const h of this.held) if (!h.acknowledged) open++;
    this.deps.events.emit('alerts.changed', { open });
  }
}
