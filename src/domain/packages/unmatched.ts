import { z } from 'zod';
import { candidateWhy, unmatchedOutcome, type CandidateWhy, type UnmatchedOutcome } from '../../contract/packages';

/**
 * What was read off an unmatched parcel's label, as `packages.reading` keeps it (migration 0023) and as it travels
 * between the nodes of a site: the candidates by recipient uid, since a recipient's id differs from node to node.
 */
export interface StoredReading {
  outcome: UnmatchedOutcome | null;
  shipTo: string[];
  /** Best first, each person once. */
  candidates: StoredCandidate[];
}

export interface StoredCandidate {
  uid: string;
  score: number;
  why: CandidateWhy[];
}

export const storedReading = z.object({
  outcome: unmatchedOutcome.nullable(),
  shipTo: z.array(z.string().max(200)).max(12),
  candidates: z
    .array(z.object({ uid: z.string().regex(/^[0-9a-f]{32}$/), score: z.number().min(0).max(10), why: z.array(candidateWhy).max(10) }))
    .max(10),
});

export const emptyReading: StoredReading = { outcome: null, shipTo: [], candidates: [] };

/** Best first (a higher score, then the order given), each person once (their best offer), blank lines dropped. */
export function normalizeReading(reading: StoredReading): StoredReading {
  const seen = new Set<string>();
  const candidates = reading.candidates
    .map((c, order) => ({ c, order }))
    .sort((a, b) => b.c.score - a.c.score || a.order - b.order)
    .map(({ c }) => c)
    .filter((c) => !seen.has(c.uid) && Boolean(seen.add(c.uid)));
  return { outcome: reading.outcome, shipTo: reading.shipTo.filter((line) => line.trim() !== ''), candidates };
}

/** The stored JSON read back; a reading that does not parse (written by hand, or by a newer Packroom) reads as empty. */
export function parseReading(json: string | null): StoredReading {
  if (json === null) return emptyReading;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return emptyReading;
  }
  const parsed = storedReading.safeParse(value);
  return parsed.success ? parsed.data : emptyReading;
}
