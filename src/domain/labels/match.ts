import { readShipTo, type ShipTo } from './shipTo';
import { unitKey, withinOneEdit, words } from './text';

/** A person on the roster as the matcher sees them. */
export interface RosterEntry {
  id: number;
  residentId: string | null;
  firstName: string;
  lastName: string;
  unit: string;
  active: boolean;
  /** An inactive resident's move-out day (YYYY-MM-DD), to explain a no-match. */
  moveOut: string | null;
}

/** Why a candidate was offered, as the screen and the command line word it. */
export type Why =
  'name' | 'surnameFirst' | 'nickname' | 'initial' | 'surnameOnly' | 'firstNameDiffers' | 'typo' | 'unit' | 'unitDiffers' | 'noUnit';

export interface Candidate {
  id: number;
  score: number;
  why: Why[];
}

/**
 * matched: the desk fills the recipient in. several: more than one person fits (or too little of the name to be
 * sure). partial: the name fits someone whose unit is not the label's. none: nobody on the roster (a guest, a
 * business, a former resident). unreadable: no ship-to lines.
 */
export type Outcome = 'matched' | 'several' | 'partial' | 'none' | 'unreadable';

export interface LabelMatch {
  outcome: Outcome;
  /** Set only when the desk may fill it in by itself (outcome matched). */
  recipientId: number | null;
  /** The best few, best first (at most five). */
  candidates: Candidate[];
  /** 0–1: how sure. Below the auto-fill bar whenever recipientId is null. */
  confidence: number;
  /** A former resident the label names: "moved out 2026-03-01". */
  formerResident: { id: number; moveOut: string | null } | null;
  shipTo: ShipTo;
}

type FirstFit = 'name' | 'nickname' | 'typo' | 'initial' | 'none' | 'differs';

interface NameFit {
  lastTypo: boolean;
  first: FirstFit;
  surnameFirst: boolean;
}

interface Person {
  entry: RosterEntry;
  first: string;
  nicknames: string[];
  last: string;
  unit: string;
}

const honorifics = new Set(['MR', 'MRS', 'MS', 'MISS', 'MX', 'DR', 'PROF', 'JR', 'SR', 'II', 'III', 'IV', 'ESQ']);
// A nickname the roster records with the first name: "Robert (Bob)" or 'Robert "Bob"'.
const nicknamePattern = /[("“]([^)"”]+)[)"”]/gu;

function person(entry: RosterEntry): Person {
  const nicknames = [...entry.firstName.matchAll(nicknamePattern)].map((m) => words(m[1]!).join(''));
  const first = words(entry.firstName.replace(nicknamePattern, ' '))[0] ?? '';
  return { entry, first, nicknames, last: words(entry.lastName).join(''), unit: unitKey(entry.unit) };
}

/** How one name line fits one person, or null when the surname is not in it. */
function fitName(tokens: readonly string[], p: Person): NameFit | null {
  if (p.last === '') return null;
  let best: NameFit | null = null;
  for (let start = 0; start < tokens.length; start += 1) {
    let joined = '';
    for (let end = start; end < tokens.length; end += 1) {
      joined += tokens[end]!;
      if (joined.length > p.last.length + 1) break;
      const exact = joined === p.last;
      // One wrong letter only in a surname long enough that one letter does not make it another common name.
      if (!exact && !(p.last.length >= 5 && withinOneEdit(joined, p.last))) continue;
      const rest = [...tokens.slice(0, start), ...tokens.slice(end + 1)];
      const fit: NameFit = { lastTypo: !exact, first: fitFirst(rest, p, !exact), surnameFirst: start === 0 && rest.length > 0 };
      if (!best || rank(fit) > rank(best)) best = fit;
    }
  }
  return best;
}

function fitFirst(rest: readonly string[], p: Person, lastTypo: boolean): FirstFit {
  if (rest.length === 0) return 'none';
  let fit: FirstFit = 'differs';
  const letters = rest.filter((w) => w.length === 1);
  const longer = rest.filter((w) => w.length > 1);
  if (longer.length > 1) return 'differs';
  const word = longer[0];
  if (word !== undefined) {
    if (word === p.first) return 'name';
    if (p.nicknames.includes(word)) return 'nickname';
    if (!lastTypo && p.first.length >= 5 && withinOneEdit(word, p.first)) return 'typo';
    return 'differs';
  }
  // Initials only: the first of them is the first name's.
  if (letters[0] === p.first[0]) fit = 'initial';
  return fit;
}

const firstScore: Record<FirstFit, number> = { name: 0.4, nickname: 0.38, typo: 0.3, initial: 0.2, none: 0.1, differs: 0 };

function rank(fit: NameFit): number {
  return (fit.lastTypo ? 0.35 : 0.5) + firstScore[fit.first] - (fit.first === 'typo' && fit.lastTypo ? 1 : 0);
}

/** The first name (or a roster nickname) is there in full, and at most one letter of the whole name is wrong. */
const fullName = (fit: NameFit) => fit.first === 'name' || fit.first === 'nickname' || fit.first === 'typo';

interface Scored {
  p: Person;
  fit: NameFit;
  score: number;
  why: Why[];
}

function score(p: Person, fit: NameFit, unit: string | null): Scored {
  const why: Why[] = [];
  why.push(
    fit.first === 'none'
      ? 'surnameOnly'
      : fit.first === 'differs'
        ? 'firstNameDiffers'
        : fit.first === 'initial'
          ? 'initial'
          : fit.first === 'nickname'
            ? 'nickname'
            : 'name',
  );
  if (fit.surnameFirst) why.push('surnameFirst');
  if (fit.lastTypo || fit.first === 'typo') why.push('typo');
  let s = rank(fit);
  if (unit === null) why.push('noUnit');
  else if (unit === p.unit) {
    why.push('unit');
    s += 0.1;
  } else {
    why.push('unitDiffers');
    s *= 0.6;
  }
  return { p, fit, score: Math.round(s * 1000) / 1000, why };
}

const sureThreshold = 0.85;

/**
 * Who a label is for, from its text lines and the roster. The rule is never to fill in the wrong person: the
 * recipient is set only when the ship-to block was found, one active person fits it, and nothing else on the
 * roster fits as well:
 * - with a unit on the label: the surname (one letter may be wrong), a first name, nickname or initial that agrees,
 *   the same unit, and nobody else in that unit who fits the name that well (two Kowalskis in 2B and "A KOWALSKI");
 * - without a unit: the whole name, exactly, and nobody else on the roster with that name or initial and surname.
 * Inactive residents are never candidates; one that the label names explains a no-match.
 */
export function matchLabel(lines: readonly string[], roster: readonly RosterEntry[]): LabelMatch {
  const shipTo = readShipTo(lines);
  if (shipTo.names.length === 0) {
    return { outcome: 'unreadable', recipientId: null, candidates: [], confidence: 0, formerResident: null, shipTo };
  }
  const nameTokens = shipTo.names.map((n) => words(n).filter((w) => !honorifics.has(w)));
  const active: Scored[] = [];
  const inactive: Scored[] = [];
  for (const entry of roster) {
    const p = person(entry);
    let best: NameFit | null = null;
    for (const tokens of nameTokens) {
      const fit = fitName(tokens, p);
      if (fit && (!best || rank(fit) > rank(best))) best = fit;
    }
    if (!best) continue;
    (entry.active ? active : inactive).push(score(p, best, shipTo.unit));
  }
  const byScore = (a: Scored, b: Scored) => b.score - a.score || a.p.entry.id - b.p.entry.id;
  active.sort(byScore);
  inactive.sort(byScore);
  const fitting = active.filter((s) => s.fit.first !== 'differs');
  const candidates = active.slice(0, 5).map((s) => ({ id: s.p.entry.id, score: s.score, why: s.why }));
  const former = inactive.find((s) => fullName(s.fit) && (shipTo.unit === null || shipTo.unit === s.p.unit));
  const formerResident = former ? { id: former.p.entry.id, moveOut: former.p.entry.moveOut } : null;

  const sure = shipTo.anchored ? sureOne(fitting, inactive, shipTo.unit) : null;
  if (sure) {
    // Over the bar by construction, graded by how much of the name agreed.
    const confidence = Math.round((sureThreshold + (1 - sureThreshold) * Math.min(1, sure.score)) * 1000) / 1000;
    return { outcome: 'matched', recipientId: sure.p.entry.id, candidates, confidence, formerResident: null, shipTo };
  }
  const top = fitting[0];
  // No heading and nobody fits: what was read is not a ship-to block (a bare box, a frame without a label).
  const outcome: Outcome = !top
    ? shipTo.anchored || formerResident
      ? 'none'
      : 'unreadable'
    : shipTo.unit !== null && !fitting.some((s) => s.p.unit === shipTo.unit) && fullName(top.fit)
      ? 'partial'
      : 'several';
  // Below the bar by construction: a guess is never as sure as a match.
  const confidence = top ? Math.round(Math.min(sureThreshold - 0.05, top.score * 0.6) * 1000) / 1000 : 0;
  return {
    outcome,
    recipientId: null,
    candidates: top ? candidates : candidates.slice(0, 3),
    confidence,
    formerResident: top ? null : formerResident,
    shipTo,
  };
}

function sureOne(fitting: readonly Scored[], inactive: readonly Scored[], unit: string | null): Scored | null {
  if (unit !== null) {
    const here = fitting.filter((s) => s.p.unit === unit);
    const [one, other] = here;
    if (!one || other) return null;
    if (!(fullName(one.fit) || (one.fit.first === 'initial' && !one.fit.lastTypo))) return null;
    // A former resident of that unit with the same name: the label may be theirs.
    if (inactive.some((s) => s.p.unit === unit && s.p.last === one.p.last && s.fit.first !== 'differs')) return null;
    return one;
  }
  const whole = fitting.filter((s) => (s.fit.first === 'name' || s.fit.first === 'nickname') && !s.fit.lastTypo);
  const [one, other] = whole;
  if (!one || other) return null;
  // "JOHN SMITH" with no unit while J. Smith… and John Smyth live here too: not sure.
  if (fitting.some((s) => s !== one && (s.fit.first !== 'none' || s.p.last === one.p.last) && s.p.first[0] === one.p.first[0])) return null;
  if (inactive.some((s) => s.p.last === one.p.last && fullName(s.fit))) return null;
  return one;
}
