import type { Channel, NotificationSummary, SingleAccessSummary } from '../../src/contract';
import { formatDateTime, i18n, sentenceText } from '../i18n';

const t = i18n.t.bind(i18n);

export function describeSingleAccess(s: SingleAccessSummary): string {
  if (s.status !== 'used') return t(`access.singleStatus.${s.status}`);
  return t('access.singleStatus.used', {
    at: s.usedAt ? formatDateTime(s.usedAt) : t('common.unknownTime'),
    via: t(`access.via.${s.usedVia === 'qr' ? 'qr' : 'pin'}`),
  });
}

export function describeDelivery(n: NotificationSummary): string {
  switch (n.status) {
    case 'pending':
      return n.attempts > 0
        ? t('access.delivery.retrying', { error: n.lastError ? sentenceText(n.lastError) : t('access.delivery.notSentYet') })
        : t('access.delivery.pending');
    case 'sent':
      return t('access.delivery.sent', { at: n.sentAt ? formatDateTime(n.sentAt) : t('common.unknownTime') });
    case 'failed':
      return t('access.delivery.failed', { error: n.lastError ? sentenceText(n.lastError) : t('access.delivery.noReason') });
  }
}

export const channelLabel = (channel: Channel) => t(`access.channel.${channel}`);
