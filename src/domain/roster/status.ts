import type { PresetId } from './columns';
import type { RecipientStatus } from './types';

/** What a status word in an export means for Packroom; the choices an admin has for a word it does not know. */
export type StatusChoice = 'current' | 'notice' | 'future' | 'moved-out' | 'ignore';

export const STATUS_CHOICES: readonly StatusChoice[] = ['current', 'notice', 'future', 'moved-out', 'ignore'];

/** A status word → its meaning, keyed by statusKey. */
export type StatusVocabulary = Readonly<Record<string, StatusChoice>>;

/**
 * The lookup key of a status word: case, spacing and punctuation ignored, and the words "resident" and
 * "tenant" dropped, so "Current resident", "CURRENT" and "current-tenant" are one word.
 */
export function statusKey(text: string): string {
  const key = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b(residents?|tenants?)\b/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return key === '' ? text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') : key;
}

// Words every system uses, after statusKey. Future residents and approved applicants count as living
// here (packages arrive ahead of a move-in); an eviction in progress too, until it completes. An
// applicant who is not approved yet is not let in.
const GENERAL: StatusVocabulary = {
  active: 'current',
  current: 'current',
  occupied: 'current',
  monthtomonth: 'current',
  mtm: 'current',
  renewal: 'current',
  renewed: 'current',
  pendingrenewal: 'current',
  holdover: 'current',
  eviction: 'current',
  undereviction: 'current',
  evictionpending: 'current',
  yes: 'current',
  y: 'current',
  true: 'current',
  1: 'current',
  notice: 'notice',
  onnotice: 'notice',
  noticegiven: 'notice',
  currentnotice: 'notice',
  noticetovacate: 'notice',
  ntv: 'notice',
  future: 'future',
  approved: 'future',
  pending: 'future',
  pendingmovein: 'future',
  inactive: 'moved-out',
  past: 'moved-out',
  former: 'moved-out',
  movedout: 'moved-out',
  moveout: 'moved-out',
  vacated: 'moved-out',
  evicted: 'moved-out',
  terminated: 'moved-out',
  cancelled: 'moved-out',
  canceled: 'moved-out',
  denied: 'moved-out',
  applicant: 'moved-out',
  no: 'moved-out',
  n: 'moved-out',
  false: 'moved-out',
  0: 'moved-out',
  // Rent rolls list empty units among the residents: rows, not people.
  vacant: 'ignore',
  vacantrented: 'ignore',
  vacantunrented: 'ignore',
  model: 'ignore',
};

// Each system's own words, as we read their exports (not vendor documentation); they win over GENERAL.
const BY_PRESET: Partial<Record<PresetId, StatusVocabulary>> = {
  yardi: { eviction: 'current', applicant: 'moved-out' },
  onesite: { pendingrenewal: 'current' },
  appfolio: { evict: 'current', noticerented: 'notice', noticeunrented: 'notice' },
  buildium: { active: 'current' },
  rentmanager: { prospect: 'ignore' },
  resman: { noticetovacate: 'notice', undereviction: 'current', pending: 'future' },
  // MRI reports can give the status as one letter; "N" is notice there, not "no".
  mri: { c: 'current', n: 'notice', f: 'future', p: 'moved-out', h: 'current' },
};

/** The words Packroom knows for a preset, plus what the admin taught it (which wins). */
export function statusVocabulary(preset: PresetId, learned: StatusVocabulary = {}): StatusVocabulary {
  return { ...GENERAL, ...BY_PRESET[preset], ...learned };
}

export function statusOf(choice: Exclude<StatusChoice, 'ignore'>): RecipientStatus {
  return choice === 'moved-out' ? 'inactive' : 'active';
}

/**
 * The status a report's section heading gives the rows under it ("Current/Notice/Vacant Residents" →
 * current, "Future Residents/Applicants" → future, "Past Residents" → moved out), or null for a heading
 * that says nothing about residency (a property or building name).
 */
export function sectionStatus(heading: string): Exclude<StatusChoice, 'ignore'> | null {
  const words = heading.toLowerCase();
  if (/\b(future|applicants?|pending)\b/u.test(words)) return 'future';
  if (/\b(past|former|moved[\s-]*out|evicted)\b/u.test(words)) return 'moved-out';
  if (/\b(current|notice|active)\b/u.test(words)) return 'current';
  return null;
}
