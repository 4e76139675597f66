import { z } from 'zod';
import { id } from './common';
import { method, type MethodDef } from './define';
import { says, type Message } from './messages';

/** A recipient's door credentials: the permanent PIN and QR code, Single Access PINs, and the notices sent. */
export const recipientIdInput = z.object({ recipientId: id });

export const notifyVia = z.enum(['email', 'sms', 'both'], { error: says('validation.notifyVia') });

export const sendSingleAccessPinInput = z.object({
  recipientId: z
    .number({ error: says('validation.selectRecipient') })
    .int()
    .positive(says('validation.selectRecipient')),
  notifyVia,
  expiresAt: z.iso.datetime({ offset: true, error: says('validation.accessExpires') }),
});

export const lookupPinInput = z.object({
  recipientId: id,
  identityVerified: z.literal(true, { error: says('validation.identityVerified') }),
});

export type Channel = 'email' | 'sms';

export interface NotificationSummary {
  id: number;
  channel: Channel;
  destination: string;
  template: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** Why the last try did not go through. */
  lastError: Message | null;
  createdAt: string;
  sentAt: string | null;
}

export type SingleAccessStatus = 'active' | 'used' | 'expired' | 'revoked';

export interface SingleAccessSummary {
  id: number;
  status: SingleAccessStatus;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string;
  usedAt: string | null;
  usedVia: 'pin' | 'qr' | null;
}

export interface AccessOverview {
  recipientId: number;
  /** The permanent PIN and QR code, never shown here: only that they exist and since when. */
  permanent: { pinLength: number; createdAt: string } | null;
  singleAccess: SingleAccessSummary[];
  notifications: NotificationSummary[];
  lookupPinEnabled: boolean;
}

/** A notification queued by a staff action; `ready` is false when that channel is not set up, so it will not arrive. */
export interface QueuedNotification {
  channel: Channel;
  destination: string;
  ready: boolean;
}

export interface SingleAccessIssued {
  id: number;
  pin: string;
  expiresAt: string;
  recipientName: string;
  notifications: QueuedNotification[];
}

export interface PermanentIssued {
  pin: string;
  createdAt: string;
  notifications: QueuedNotification[];
}

export interface PinLookup {
  pin: string;
  createdAt: string;
}

export const accessMethods = {
  'access.overview': method<AccessOverview>()({ input: recipientIdInput, access: 'staff' }),
  'access.sendSingleAccessPin': method<SingleAccessIssued>()({ input: sendSingleAccessPinInput, access: 'staff' }),
  'access.regenerate': method<PermanentIssued>()({ input: recipientIdInput, access: 'staff' }),
  'access.lookupPin': method<PinLookup>()({ input: lookupPinInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
