import type { Repositories } from '../db/repositories';
import type { Alert } from '../contract';
import type { Clock } from '../clock';
import type { Actor, AuditService } from './audit';
import type { EventBus } from './events';
import type { Transactor } from './tx';

export type AlertKind = 'door.failures' | 'door.lockout' | 'door.relay' | 'device.missing' | 'notification.failed' | 'import' | 'backup';

export interface AlertDeps {
  repos: Pick<Repositories, 'alerts'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  events: EventBus;
}

/** Problems staff must see and acknowledge; each is also in the audit log. */
export class AlertService {
  constructor(private readonly deps: AlertDeps) {}

  raise(kind: AlertKind, message: string): void {
    this.deps.tx.run(() => {
      if (this.deps.repos.alerts.hasOpen(kind, message)) return;
      this.deps.repos.alerts.insert({ at: this.deps.clock.now(), kind, message });
      this.deps.audit.record({ staffId: null, label: 'system' }, 'alert.raised', null, { kind, message });
      this.deps.tx.onCommit(() => this.deps.events.emit('alerts.changed', { open: this.deps.repos.alerts.countOpen() }));
    });
  }

  list(): Alert[] {
    return this.deps.repos.alerts.open().map((a) => ({ id: a.id, at: new Date(a.at).toISOString(), kind: a.kind, message: a.message }));
  }

  acknowledge(actor: Actor, id: number): void {
    this.deps.tx.run(() => {
      if (!this.deps.repos.alerts.acknowledge(id, actor.staffId, this.deps.clock.now())) return;
      this.deps.audit.record(actor, 'alert.acknowledged', `alert:${id}`);
      this.deps.tx.onCommit(() => this.deps.events.emit('alerts.changed', { open: this.deps.repos.alerts.countOpen() }));
    });
  }
}
