import type { z } from 'zod';
import { ApiError, message, type ProxyItem, type ProxyPinIssued } from '../../contract';
import type { proxyAddInput } from '../../contract/proxies';
import type { Clock } from '../../clock';
import type { Repositories } from '../../db/repositories';
import type { ProxyRow } from '../../db/repositories/proxies';
import { normalizePhone } from '../../domain/phone';
import { proxyActive } from '../../domain/proxies';
import type { Actor, AuditService } from '../audit/service';
import type { CredentialService } from '../credentials/service';
import { localDate } from '../packages/localTime';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';

type AddInput = z.output<typeof proxyAddInput>;

export interface ProxyDeps {
  repos: Pick<Repositories, 'proxies' | 'recipients'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  settings: SettingsService;
  credentials: CredentialService;
}

const subject = (recipientId: number) => `recipient:${recipientId}`;

/**
 * People allowed to collect a recipient's packages (docs/architecture.md, "Proxies"): added and revoked by staff
 * (audited), offered at the desk's hand-over, told of packages (PackageService), and optionally given a proxy PIN
 * (CredentialService.issueProxyPin), which revoking the proxy revokes.
 */
export class ProxyService {
  constructor(private readonly deps: ProxyDeps) {}

  list(recipientId: number): ProxyItem[] {
    this.requireRecipient(recipientId);
    const today = this.today();
    return this.deps.repos.proxies.forRecipient(recipientId).map((p) => toItem(p, today));
  }

  add(actor: Actor, input: AddInput): ProxyItem {
    const now = this.deps.clock.now();
    const today = localDate(now);
    if (input.untilDate && input.untilDate < today) throw new ApiError('VALIDATION', message('proxies.untilPast'), 'untilDate');
    let phone: string | null = null;
    if (input.phone) {
      const result = normalizePhone(input.phone, this.deps.settings.get().defaultCountry);
      if (!result.ok) throw new ApiError('VALIDATION', result.reason, 'phone');
      phone = result.e164;
    }
    return this.deps.tx.run(() => {
      const recipient = this.requireRecipient(input.recipientId);
      if (recipient.status !== 'active') {
        const name = `${recipient.firstName} ${recipient.lastName}`;
        throw new ApiError('CONFLICT', message('credentials.recipientInactive', { name }), 'recipientId');
      }
      const id = this.deps.repos.proxies.insert({
        recipientId: recipient.id,
        name: input.name,
        phone,
        email: input.email ?? null,
        untilDate: input.untilDate ?? null,
        createdBy: actor.label,
        now,
      });
      this.deps.audit.record(actor, 'proxy.added', subject(recipient.id), {
        proxyId: id,
        proxy: input.name,
        until: input.untilDate ?? null,
      });
      this.deps.credentials.changed(recipient.id);
      return toItem(this.deps.repos.proxies.byId(id)!, today);
    });
  }

  /** Takes the person off the list; their proxy PIN stops working in the same transaction. */
  revoke(actor: Actor, id: number): void {
    const now = this.deps.clock.now();
    this.deps.tx.run(() => {
      const proxy = this.require(id);
      if (!this.deps.repos.proxies.revoke(id, now, actor.label)) {
        throw new ApiError('CONFLICT', message('proxies.alreadyRevoked', { name: proxy.name }));
      }
      const pins = this.deps.repos.proxies.revokeKeys(id, now);
      this.deps.audit.record(actor, 'proxy.revoked', subject(proxy.recipientId), { proxyId: id, proxy: proxy.name, pinRevoked: pins > 0 });
      this.deps.credentials.changed(proxy.recipientId);
    });
  }

  /** A new proxy PIN, replacing the proxy's earlier one, sent to the proxy where they can be reached. */
  issuePin(actor: Actor, id: number): ProxyPinIssued {
    return this.deps.tx.run(() => {
      const proxy = this.requireActive(id);
      const issued = this.deps.credentials.issueProxyPin(actor, proxy);
      this.deps.audit.record(actor, 'proxy.pin_issued', subject(proxy.recipientId), {
        proxyId: id,
        proxy: proxy.name,
        notified: issued.notifications.map((n) => n.channel),
      });
      return { pin: issued.pin, createdAt: new Date(issued.createdAt).toISOString(), notifications: issued.notifications };
    });
  }

  /** The proxy collecting `recipientId`'s package at the desk: refused when it is someone else's, revoked or past its day. */
  collector(id: number, recipientId: number): ProxyRow {
    const proxy = this.requireActive(id);
    if (proxy.recipientId !== recipientId)
      throw new ApiError('VALIDATION', message('proxies.notForRecipient', { name: proxy.name }), 'proxyId');
    return proxy;
  }

  private today(): string {
    return localDate(this.deps.clock.now());
  }

  private require(id: number): ProxyRow {
    const proxy = this.deps.repos.proxies.byId(id);
    if (!proxy) throw new ApiError('NOT_FOUND', message('proxies.notFound'), 'proxyId');
    return proxy;
  }

  private requireActive(id: number): ProxyRow {
    const proxy = this.require(id);
    if (!proxyActive({ revoked: proxy.revokedAt !== null, untilDate: proxy.untilDate }, this.today())) {
      throw new ApiError('CONFLICT', message('proxies.notActive', { name: proxy.name }), 'proxyId');
    }
    return proxy;
  }

  private requireRecipient(recipientId: number) {
    const recipient = this.deps.repos.recipients.byId(recipientId);
    if (!recipient) throw new ApiError('NOT_FOUND', message('recipients.notFound'), 'recipientId');
    return recipient;
  }
}

function toItem(p: ProxyRow, today: string): ProxyItem {
  return {
    id: p.id,
    recipientId: p.recipientId,
    name: p.name,
    phone: p.phone,
    email: p.email,
    untilDate: p.untilDate,
    createdAt: new Date(p.createdAt).toISOString(),
    createdBy: p.createdBy,
    revokedAt: p.revokedAt === null ? null : new Date(p.revokedAt).toISOString(),
    revokedBy: p.revokedBy,
    active: proxyActive({ revoked: p.revokedAt !== null, untilDate: p.untilDate }, today),
    hasPin: p.hasPin,
  };
}
