import { z } from 'zod';
import { id, optionalText, text } from './common';
import { method, type MethodDef } from './define';
import { emailAddress } from './email';
import type { QueuedNotification } from './access';
import { says } from './messages';

/** People allowed to collect a recipient's packages (proxies), and their proxy PINs (docs/architecture.md, "Proxies"). */

const email = z
  .string()
  .trim()
  .refine((v) => v === '' || emailAddress(v) !== null, says('validation.email'))
  .transform((v) => (v === '' ? null : emailAddress(v)))
  .nullable()
  .optional();

export const proxyListInput = z.object({ recipientId: id });

export const proxyAddInput = z.object({
  recipientId: id,
  name: text('proxyName', 80),
  /** As typed; the service turns it into E.164 with the site's country, as a recipient's. */
  phone: optionalText('phone', 40),
  email,
  /** The last day (YYYY-MM-DD, this site's calendar) the person may collect; left out: until revoked. */
  untilDate: z.iso
    .date({ error: says('validation.dates') })
    .nullable()
    .optional(),
});

export const proxyIdInput = z.object({ id });

export interface ProxyItem {
  id: number;
  recipientId: number;
  name: string;
  /** E.164. */
  phone: string | null;
  email: string | null;
  untilDate: string | null;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  /** Not revoked and not past its last day: may collect, and is offered at the desk's hand-over. */
  active: boolean;
  /** Holds a proxy PIN that is in force. */
  hasPin: boolean;
}

export interface ProxyPinIssued {
  pin: string;
  createdAt: string;
  /** Where the PIN was sent (the proxy's email and phone on file). */
  notifications: QueuedNotification[];
}

export const proxyMethods = {
  'proxies.list': method<ProxyItem[]>()({ input: proxyListInput, access: 'staff' }),
  'proxies.add': method<ProxyItem>()({ input: proxyAddInput, access: 'staff' }),
  'proxies.revoke': method<null>()({ input: proxyIdInput, access: 'staff' }),
  'proxies.issuePin': method<ProxyPinIssued>()({ input: proxyIdInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
