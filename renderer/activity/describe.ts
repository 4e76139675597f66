import { isMessageKey, type AuditEntry, type MessageParams } from '../../src/contract';
import { formatDateTime, formatList, formatTime, i18n, sentenceText } from '../i18n';

/** Who did it, in the reader's words: a name, "The door", "Packroom", "Command line", or what was typed at a sign-in. */
export function describeActor(entry: AuditEntry): string {
  switch (entry.actorKind) {
    case 'door':
    case 'packroom':
    case 'cli':
      return i18n.t(`activity.actor.${entry.actorKind}`);
    default:
      return entry.actorName ?? entry.actor;
  }
}

/**
 * Whom or what it is about when that is not a recipient (the screen links those): a staff member or carrier code by
 * name, a door device by its role. Alerts and shelf checks are named by their action and details alone.
 */
export function describeSubject(entry: AuditEntry): string {
  if (entry.subjectLabel !== null) return entry.subjectLabel;
  const device = /^device:(\w+)$/.exec(entry.subject ?? '');
  return device ? i18n.t(`devices.roles.${device[1]}`, { defaultValue: device[1] }) : '';
}

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
/** Details whose values are words from a short list, written in the screen's language: where each list's words are. */
const wordValues: Record<string, string> = {
  trigger: 'activityValue.trigger',
  via: 'activityValue.via',
  role: 'activityValue.role',
  outcome: 'activityValue.outcome',
  credential: 'activityValue.credential',
  device: 'devices.roles',
  notified: 'access.channel',
  notifyVia: 'access.channel',
  was: 'packages.status',
  size: 'packages.size',
  mode: 'holds.modeName',
};
/** Ids only Packroom reads: the screen says the same by tracking number, carrier and name. */
const hiddenDetails = new Set(['packageId', 'accessKeyId', 'carrierCodeId', 'proxyId']);

/**
 * A detail the core wrote as a sentence keeps its key and parameters beside its English (`reason`, `reasonKey`,
 * `reasonParams`): shown in the reader's language when this Packroom knows the key, else as stored.
 */
function sentenceDetail(details: Record<string, unknown>, key: string): string | null {
  const sentence = details[`${key}Key`];
  if (typeof sentence !== 'string' || !isMessageKey(sentence)) return null;
  const params = details[`${key}Params`];
  return sentenceText({ key: sentence, ...(params && typeof params === 'object' ? { params: params as MessageParams } : {}) });
}

/** `reasonKey` and `reasonParams` beside `reason`: read through it, not shown on their own. */
function isSentencePart(details: Record<string, unknown>, key: string): boolean {
  const base = /^(.+)(?:Key|Params)$/.exec(key)?.[1];
  return base !== undefined && base in details;
}

const detailLabel = (key: string) => i18n.t(`activityDetail.${key}`, { defaultValue: key });

function detailValue(key: string, value: unknown): string {
  // A package handed over to the recipient themself is recorded with no other name.
  if (key === 'collectedBy' && value === null) return i18n.t('activityValue.collectedBy.recipient');
  if (value === null || value === undefined) return i18n.t('common.none');
  if (typeof value === 'boolean') return i18n.t(`activityValue.boolean.${value}`);
  if (typeof value === 'string' && isoTime.test(value)) return formatDateTime(value);
  const words = wordValues[key];
  if (typeof value === 'string' && words) return i18n.t(`${words}.${value}`, { defaultValue: value });
  if (Array.isArray(value)) return formatList(value.map((item) => detailValue(key, item)));
  return String(value);
}

/** An entry's details as "Label: value; …" in the screen's language (changes as "Label: before → after"). */
export function describeDetails(entry: AuditEntry): string {
  const d = entry.details;
  if (!d) return '';
  return Object.entries(d)
    .filter(([key]) => !hiddenDetails.has(key) && !isSentencePart(d, key))
    .map(([key, value]) => {
      const sentence = sentenceDetail(d, key);
      if (sentence !== null) return `${detailLabel(key)}: ${sentence}`;
      if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
        const change = value as { from: unknown; to: unknown };
        return `${detailLabel(key)}: ${detailValue(key, change.from)} → ${detailValue(key, change.to)}`;
      }
      return `${detailLabel(key)}: ${detailValue(key, value)}`;
    })
    .join('; ');
}
