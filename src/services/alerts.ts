import type { Alert } from '../contract';
import { AlertRepository } from '../db/repositories/alerts';
import type { Db } from '../db/open';
import type { Clock } from '../clock';
import type { Actor, AuditService } from './audit';
import type { EventBus } from './events';
import type { Transactor } from './tx';

export type AlertKind =
  | 'door.failures'
  | 'door.lockout'
  | 'door.relay'
  | 'device.missing'
  | 'device.permission'
  | 'device.protocol'
  | 'notification.failed'
  | 'import';

/** Problems staff must see and acknowledge; each is also in the audit log. */
export class AlertService {
  private readonly repo: AlertRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly tx: Transactor,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {
    this.repo = new AlertRepository(db);
  }

  raise(kind: AlertKind, message: string): void {
    this.tx.run(() => {
      if (this.repo.hasOpen(kind, message)) return;
      this.repo.insert({ at: this.clock.now(), kind, message });
      this.audit.record({ staffId: null, label: 'system' }, 'alert.raised', null, { kind, message });
      this.tx.onCommit(() => this.events.emit('alerts.changed', { open: this.repo.countOpen() }));
    });
  }

  list(): Alert[] {
    return this.repo.open().map((a) => ({ id: a.id, at: new Date(a.at).toISOString(), kind: a.kind, message: a.message }));
  }

  acknowledge(actor: Actor, id: number): void {
    this.tx.run(() => {
      if (!this.repo.acknowledge(id, actor.staffId, this.clock.now())) return;
      this.audit.record(actor, 'alert.acknowledged', `alert:${id}`);
      this.tx.onCommit(() => this.events.emit('alerts.changed', { open: this.repo.countOpen() }));
    });
  }
}
