import type { Channel, NotifyVia, QueuedNotification, RecipientSummary } from '../../src/contract';
import { i18n } from '../i18n';

type Contact = Pick<RecipientSummary, 'email' | 'phone'>;
const t = i18n.t.bind(i18n);

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
    { value: 'email', label: t('access.channel.email'), disabled: noEmail },
    { value: 'sms', label: t('access.channel.sms'), disabled: noPhone },
    { value: 'both', label: t('access.channel.both'), disabled: noEmail || noPhone },
  ];
}

/** Writes a stored (E.164) phone number as this site writes it: usePhoneFormat's function. */
type PhoneFormat = (e164: string) => string;

/** Under the "Send notification via" field: where the message goes, or why a choice is unavailable. */
export function notifyHint(contact: Contact | null, via: NotifyVia, formatPhone: PhoneFormat): string | undefined {
  if (!contact) return undefined;
  const phone = contact.phone && formatPhone(contact.phone);
  if (!contact.email && !phone) return t('access.notify.noContact');
  if (!contact.email) return t('access.notify.onlySms', { phone });
  if (!phone) return t('access.notify.onlyEmail', { email: contact.email });
  if (via === 'email') return t('access.notify.to', { destination: contact.email });
  if (via === 'sms') return t('access.notify.to', { destination: phone });
  return t('access.notify.toBoth', { email: contact.email, phone });
}

const channelWords = (c: Channel) => t(`access.channelWords.${c}`);

/**
 * "Sending by email to a@b.c and by text to (415) 555-0123", from what the core queued, and plainly which
 * messages cannot go out because that channel is not set up.
 */
export function describeSent(notifications: QueuedNotification[], formatPhone: PhoneFormat): string {
  if (notifications.length === 0) return t('access.notify.noneSent');
  const ready = notifications.filter((n) => n.ready);
  const blocked = notifications.filter((n) => !n.ready);
  const sentences: string[] = [];
  if (ready.length) {
    const list = ready
      .map((n) =>
        t('access.notify.byChannelTo', {
          channel: channelWords(n.channel),
          destination: n.channel === 'sms' ? formatPhone(n.destination) : n.destination,
        }),
      )
      .join(t('access.notify.and'));
    sentences.push(t('access.notify.sending', { list }));
  }
  if (blocked.length) {
    const how = blocked.map((n) => t('access.notify.byChannel', { channel: channelWords(n.channel) })).join(t('access.notify.or'));
    const key = blocked.length > 1 ? 'blockedBoth' : blocked[0]!.channel === 'email' ? 'blockedEmail' : 'blockedSms';
    sentences.push(t(`access.notify.${key}`, { how }));
  }
  return sentences.join(' ');
}
