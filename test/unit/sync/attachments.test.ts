import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deletionAfter } from '../../../src/domain/sync/attachments';

describe('an attachment deleted by retention at several nodes', () => {
  it('ends with the earliest deletion, whatever order the deletions arrive in', () => {
    const deletion = fc.option(fc.integer({ min: 0, max: 4_000_000_000_000 }), { nil: null });
    fc.assert(
      fc.property(fc.array(deletion, { maxLength: 6 }), fc.infiniteStream(fc.nat()), (deletions, picks) => {
        const shuffled = [...deletions];
        const it = picks[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = it.next().value! % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const known = deletions.filter((d): d is number => d !== null);
        const expected = known.length === 0 ? null : Math.min(...known);
        expect(deletions.reduce(deletionAfter, null)).toBe(expected);
        expect(shuffled.reduce(deletionAfter, null)).toBe(expected);
      }),
    );
  });

  it('keeps a deletion when a change without one arrives (the creation after its deletion)', () => {
    expect(deletionAfter(5, null)).toBe(5);
    expect(deletionAfter(null, 7)).toBe(7);
  });
});
