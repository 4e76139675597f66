import type { Channel, NotificationSummary, SingleAccessSummary } from '../../src/contract';
import { formatTime } from '../activity/describe';

export function describeSingleAccess(s: SingleAccessSummary): string {
  switch (s.status) {
    case 'active':
      return 'Active';
    case 'used':
      return `Used at ${s.usedAt ? formatTime(s.usedAt) : 'an unknown time'} via ${s.usedVia === 'qr' ? 'QR' : 'PIN'}`;
    case 'expired':
      return 'Expired';
    case 'revoked':
      return 'Revoked';
  }
}

export function describeDelivery(n: NotificationSummary): string {
  switch (n.status) {
    case 'pending':
      return n.attempts > 0 ? `Pending (retrying: ${n.lastError ?? 'not sent yet'})` : 'Pending';
    case 'sent':
      return `Sent at ${n.sentAt ? formatTime(n.sentAt) : 'an unknown time'}`;
    case 'failed':
      return `Failed: ${n.lastError ?? 'no reason given'}`;
  }
}

export const channelLabel = (channel: Channel) => (channel === 'email' ? 'Email' : 'SMS (text)');

export const formatDate = (iso: string) => new Date(iso).toLocaleDateString();
