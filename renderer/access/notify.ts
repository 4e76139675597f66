import type { Channel, NotifyVia, QueuedNotification, RecipientSummary } from '../../src/contract';

type Contact = Pick<RecipientSummary, 'email' | 'phone'>;

/** Both when the recipient has email and a phone, else the one they have. */
export function defaultNotifyVia(contact: Contact | null): NotifyVia {
  if (contact?.email && !contact.phone) return 'email';
  if (contact?.phone && !contact.email) return 'sms';
  return 'both';
}

export function notifyOptions(contact: Contact | null) {
  const noEmail = contact !== null && !contact.email;
  const noPhone = contact !== null && !contact.phone;
  return [
    { value: 'email', label: 'Email', disabled: noEmail },
    { value: 'sms', label: 'SMS (text)', disabled: noPhone },
    { value: 'both', label: 'Both', disabled: noEmail || noPhone },
  ];
}

/** Under the "Send notification via" field: where the message goes, or why a choice is unavailable. */
export function notifyHint(contact: Contact | null, via: NotifyVia): string | undefined {
  if (!contact) return undefined;
  if (!contact.email && !contact.phone) return 'This recipient has no email address or mobile number on file. Add one with Edit first.';
  if (!contact.email) return `No email address on file, so only SMS (text) is available: ${contact.phone}.`;
  if (!contact.phone) return `No mobile number on file, so only Email is available: ${contact.email}.`;
  if (via === 'email') return `To ${contact.email}`;
  if (via === 'sms') return `To ${contact.phone}`;
  return `To ${contact.email} and ${contact.phone}`;
}

const channelWords = (c: Channel) => (c === 'email' ? 'email' : 'text');

/**
 * "Sending by email to a@b.c and by text to +1…", from what the core queued, and plainly which
 * messages cannot go out because that channel is not set up.
 */
export function describeSent(notifications: QueuedNotification[]): string {
  if (notifications.length === 0) return 'No notification was sent: read the PIN to the recipient.';
  const ready = notifications.filter((n) => n.ready);
  const blocked = notifications.filter((n) => !n.ready);
  const sentences: string[] = [];
  if (ready.length) sentences.push(`Sending ${ready.map((n) => `by ${channelWords(n.channel)} to ${n.destination}`).join(' and ')}.`);
  if (blocked.length) {
    const what = blocked.length > 1 ? 'Email and text messages are' : blocked[0]!.channel === 'email' ? 'Email is' : 'Text messages are';
    const how = blocked.map((n) => `by ${channelWords(n.channel)}`).join(' or ');
    sentences.push(`${what} not set up, so nothing goes ${how}: read the PIN to the recipient, or ask an admin to set it up in Settings.`);
  }
  return sentences.join(' ');
}
