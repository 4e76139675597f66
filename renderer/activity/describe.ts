import type { AuditEntry } from '../../src/contract';
import { formatDateTime, formatList, formatTime, i18n } from '../i18n';

/** Audit actions in the words front-desk staff use ('recipient.create' → activityAction.recipient.create). */
export const describeAction = (action: string) => i18n.t(`activityAction.${action}`, { defaultValue: action });

/** What happened, in one line; a carrier's entry reads "UPS entered the package room at 14:02". */
export function describeEntry(entry: AuditEntry): string {
  const carrier = entry.details?.carrierName;
  if (entry.action === 'door.granted' && typeof carrier === 'string') {
    return i18n.t('activity.carrierEntered', { carrier, time: formatTime(entry.at) });
  }
  return describeAction(entry.action);
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Details whose values are words from a short list, written in the screen's language. */
const wordValues = new Set(['trigger', 'via', 'role', 'outcome', 'notified', 'notifyVia', 'was', 'size']);

const detailLabel = (key: string) => i18n.t(`activityDetail.${key}`, { defaultValue: key });

function detailValue(key: string, value: unknown): string {
  // A package handed over to the recipient themself is recorded with no other name.
  if (key === 'collectedBy' && value === null) return i18n.t('activityValue.collectedBy.recipient');
  if (value === null || value === undefined) return i18n.t('common.none');
  if (typeof value === 'boolean') return i18n.t(`activityValue.boolean.${value}`);
  if (Array.isArray(value)) return formatList(value.map((item) => detailValue(key, item)));
  if (typeof value === 'string' && isoTime.test(value)) return formatDateTime(value);
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
