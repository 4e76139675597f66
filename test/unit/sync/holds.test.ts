import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstOnce, type Once } from '../../../src/domain/sync/holds';

const once = fc.record({
  stamp: fc.record({ hlc: fc.integer({ min: 0, max: 1e12 }), origin: fc.constantFrom('a', 'b', 'c') }),
  value: fc.string(),
});
const fold = (list: Once<string>[]) => list.reduce<Once<string> | null>((current, next) => firstOnce(current, next), null);
const earliest = (list: Once<string>[]) =>
  [...list].sort(
    (x, y) => x.stamp.hlc - y.stamp.hlc || (x.stamp.origin < y.stamp.origin ? -1 : x.stamp.origin > y.stamp.origin ? 1 : 0),
  )[0];

describe('a hold cancelled (or its notice marked) at several desks', () => {
  it('ends with the earliest by stamp, whatever the order and repetition of arrival', () => {
    fc.assert(
      fc.property(fc.array(once, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), (list, picks) => {
        // A redelivery repeats a change; the stream may hand them over in any order across nodes.
        const arrived = [...list, ...picks.map((i) => list[i % list.length]!)].reverse();
        const first = earliest(list)!.stamp;
        expect(fold(arrived)!.stamp).toEqual(first);
        expect(fold(list)!.stamp).toEqual(first);
      }),
    );
  });

  it('keeps what it had when a later one arrives', () => {
    const early: Once<string> = { stamp: { hlc: 1, origin: 'b' }, value: 'desk' };
    const late: Once<string> = { stamp: { hlc: 2, origin: 'a' }, value: 'door' };
    expect(firstOnce(early, late)).toBe(early);
    expect(firstOnce(late, early)).toBe(early);
  });
});
