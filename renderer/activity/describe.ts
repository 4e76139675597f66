import type { AuditEntry } from '../../src/contract';
import { formatTime, i18n } from '../i18n';

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

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Details whose values are words from a short list, written in the screen's language. */
const wordValues = new Set(['trigger', 'via', 'role', 'outcome']);

const detailLabel = (key: string) => i18n.t(`activityDetail.${key}`, { defaultValue: key });

function detailValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return i18n.t('common.none');
  if (typeof value === 'boolean') return i18n.t(`activityValue.boolean.${value}`);
  if (typeof value === 'string' && isoTime.test(value)) return formatTime(value);
  if (typeof value === 'string' && wordValues.has(key)) return i18n.t(`activityValue.${key}.${value}`, { defaultValue: value });
  return String(value);
}

/** An entry's details as "Label: value; …" in the screen's language (changes as "Label: before → after"). */
export function describeDetails(entry: AuditEntry): string {
  const d = entry.details;
  if (!d) return '';
  return Object.entries(d)
    .map(([key, value]) => {
      if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
        const change = value as { from: unknown; to: unknown };
        return `${detailLabel(key)}: ${detailValue(key, change.from)} → ${detailValue(key, change.to)}`;
      }
      return `${detailLabel(key)}: ${detailValue(key, value)}`;
    })
    .join('; ');
}
