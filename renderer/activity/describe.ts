import type { AuditEntry } from '../../src/contract';
import { i18n } from '../i18n';

/** Audit actions in the words front-desk staff use ('recipient.create' → activityAction.recipient.create). */
export const describeAction = (action: string) => i18n.t(`activityAction.${action}`, { defaultValue: action });

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
