/**
 * The candidates list's keys: arrows move through it (round at the ends), Home and End jump, Enter picks. Pure, so the
 * rule is tested without a screen.
 */
export type CandidateKey = { move: number } | { pick: number } | null;

export function candidateKey(key: string, active: number, count: number): CandidateKey {
  if (count === 0) return null;
  const at = Math.min(Math.max(active, 0), count - 1);
  switch (key) {
    case 'ArrowDown':
      return { move: (at + 1) % count };
    case 'ArrowUp':
      return { move: (at - 1 + count) % count };
    case 'Home':
      return { move: 0 };
    case 'End':
      return { move: count - 1 };
    case 'Enter':
      return { pick: at };
    default:
      return null;
  }
}
