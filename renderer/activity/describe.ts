import type { AuditEntry } from '../../src/contract';
import { i18n } from '../i18n';

/** Audit actions in the words front-desk staff use ('recipient.create' → activityAction.recipient.create). */
export const describeAction = (action: string) => i18n.t(`activityAction.${action}`, { defaultValue: action });

/** What happened, in one line; a carrier's entry reads "UPS entered the package room at 14:02". */
export function describeEntry(entry: AuditEntry): string {
  const carrier = entry.details?.carrierName;
  if (entry.action === 'door.granted' && typeof carrier === 'string') {
    const time = new Date(entry.at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return i18n.t('activity.carrierEntered', { carrier, time });
  }
  return describeAction(entry.action);
}

export function describeDetails(entry: AuditEntry): string {
  const d = entry.details;
  if (!d) return '';
  const none = i18n.t('common.none');
  return Object.entries(d)
    .map(([key, value]) => {
      if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
        const change = value as { from: unknown; to: unknown };
        return `${key}: ${String(change.from ?? none)} → ${String(change.to ?? none)}`;
      }
      return `${key}: ${String(value)}`;
    })
    .join('; ');
}
