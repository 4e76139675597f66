import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stamp } from '../../../src/domain/sync/hlc';
import {
  carrierStatus,
  claimWinner,
  decideClaim,
  lastWriterWins,
  packageFields,
  packageState,
  type Claim,
  type FieldStamps,
  type PackageField,
  type PackageState,
  type StateEvent,
  type Values,
} from '../../../src/domain/sync/packages';

const noDetails: StateEvent['details'] = {
  picked_up_at: null,
  picked_up_via: null,
  picked_up_credential: null,
  collected_by: null,
  handed_over_by_name: null,
  returned_at: null,
  return_reason: null,
  missing_at: null,
};
const event = (hlc: number, origin: string, value: PackageState, base: number | null = null): StateEvent => ({
  stamp: { hlc, origin },
  value,
  base,
  details: { ...noDetails, picked_up_at: value === 'picked_up' ? hlc : null, returned_at: value === 'returned' ? hlc : null },
});

const origin = fc.constantFrom('a', 'b', 'c');
const stamp = fc.record({ hlc: fc.integer({ min: 101, max: 10_000 }), origin });
const stateEvent: fc.Arbitrary<StateEvent> = fc
  .record({
    stamp,
    value: fc.constantFrom<PackageState>('waiting', 'missing', 'picked_up', 'returned'),
    base: fc.option(fc.integer({ min: 101, max: 10_000 }), { nil: null }),
  })
  .map((e) => ({ ...e, base: e.value === 'waiting' || e.value === 'missing' ? e.base : null, details: noDetails }));
// Distinct stamps: two changes never carry the same (hlc, origin).
const stateEvents = fc.uniqueArray(stateEvent, { selector: (e) => `${e.stamp.hlc}:${e.stamp.origin}`, maxLength: 8 });
const permutation = <T>(list: T[]) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length });

describe("a package's status merged from several nodes", () => {
  it('is the same whatever order the changes arrive in, and a change received twice counts once', () => {
    fc.assert(
      fc.property(
        stateEvents.chain((list) => fc.tuple(fc.constant(list), permutation(list))),
        ([inOrder, shuffled]) => {
          expect(packageState(shuffled)).toEqual(packageState(inOrder));
          expect(packageState([...shuffled, ...inOrder])).toEqual(packageState(inOrder));
        },
      ),
    );
  });

  it('never shows waiting or missing when a final state no return has seen is among the changes', () => {
    fc.assert(
      fc.property(stateEvents, (list) => {
        const undone = Math.max(-1, ...list.map((e) => e.base ?? -1));
        const liveFinal = list.some((e) => (e.value === 'picked_up' || e.value === 'returned') && e.stamp.hlc > undone);
        if (liveFinal) expect(['picked_up', 'returned']).toContain(packageState(list)!.value);
      }),
    );
  });

  it('keeps the first of two hand-overs made on two nodes, whichever arrives first', () => {
    const logged = event(100, 'a', 'waiting');
    const atDesk = event(500, 'a', 'picked_up');
    const atDoor = event(300, 'b', 'picked_up');
    expect(packageState([logged, atDesk, atDoor])).toBe(atDoor);
    expect(packageState([atDoor, logged, atDesk])).toBe(atDoor);
    // A return to sender and a pick-up: the earlier again.
    const returned = event(200, 'c', 'returned');
    expect(packageState([logged, atDesk, returned, atDoor])).toBe(returned);
  });

  it('lets a final state win over a later waiting or missing it had not been undone by', () => {
    const pickedUp = event(300, 'b', 'picked_up');
    expect(packageState([event(100, 'a', 'waiting'), pickedUp, event(900, 'a', 'missing')])).toBe(pickedUp);
  });

  it('undoes the final states a return to waiting had seen, and only those', () => {
    const logged = event(100, 'a', 'waiting');
    const first = event(200, 'a', 'picked_up');
    const found = event(400, 'a', 'waiting', 200);
    expect(packageState([logged, first, found])).toBe(found);
    // A hand-over at another node that the return had not seen still wins.
    const elsewhere = event(300, 'b', 'picked_up');
    expect(packageState([logged, first, found, elsewhere])).toBe(elsewhere);
    expect(packageState([elsewhere, found, first, logged])).toBe(elsewhere);
  });

  it('is nothing for a package with no change of status', () => {
    expect(packageState([])).toBeNull();
  });
});

describe("a package's details merged from several nodes", () => {
  interface Held {
    values: Values<PackageField>;
    stamps: FieldStamps<PackageField>;
  }
  const applyAll = (changes: { stamp: Stamp; fields: Values<PackageField> }[]): Held => {
    const held: Held = { values: { shelf: 'A1' }, stamps: { created: { hlc: 100, origin: 'a' }, fields: {} } };
    for (const change of changes) {
      for (const [field, value] of Object.entries(lastWriterWins(packageFields, held.stamps, change))) {
        held.values[field as PackageField] = value;
        held.stamps.fields[field as PackageField] = change.stamp;
      }
    }
    return held;
  };
  const change = fc.record({
    stamp,
    fields: fc.dictionary(
      fc.constantFrom('shelf', 'note', 'carrier', 'tracking'),
      fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null)),
      {
        maxKeys: 3,
      },
    ),
  });
  const changes = fc.uniqueArray(change, { selector: (c) => `${c.stamp.hlc}:${c.stamp.origin}`, maxLength: 8 });

  it('keep each field from its latest writer, in any order of arrival', () => {
    fc.assert(
      fc.property(
        changes.chain((list) => fc.tuple(fc.constant(list), permutation(list))),
        ([inOrder, shuffled]) => {
          expect(applyAll(shuffled)).toEqual(applyAll(inOrder));
          expect(applyAll([...inOrder, ...inOrder])).toEqual(applyAll(inOrder));
        },
      ),
    );
  });

  it('take a later shelf and keep a newer note over an older one', () => {
    const held = applyAll([
      { stamp: { hlc: 300, origin: 'b' }, fields: { shelf: 'B2', note: 'fragile' } },
      { stamp: { hlc: 200, origin: 'c' }, fields: { note: 'old' } },
    ]);
    expect(held.values).toEqual({ shelf: 'B2', note: 'fragile' });
  });
});

describe('a carrier code on several nodes', () => {
  it('stays revoked once a revocation arrives, whatever comes after', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<'active' | 'revoked'>('active', 'revoked'), { minLength: 1, maxLength: 6 }), (seen) => {
        const status = seen.reduce(carrierStatus, 'active');
        expect(status).toBe(seen.includes('revoked') ? 'revoked' : 'active');
      }),
    );
  });
});

describe('claims: one node acts on each reminder', () => {
  const claimsOf = fc.uniqueArray(fc.record({ hlc: fc.integer({ min: 1, max: 1000 }), origin: fc.constantFrom('a', 'b', 'c', 'd', 'e') }), {
    selector: (s) => s.origin,
    minLength: 1,
    maxLength: 5,
  });

  it('the lowest (HLC, origin) wins, whatever order the claims are listed in', () => {
    fc.assert(
      fc.property(
        claimsOf.chain((list) => fc.tuple(fc.constant(list), permutation(list))),
        ([inOrder, shuffled]) => {
          const asClaims = (list: Stamp[]): Claim[] => list.map((s) => ({ round: 1, stamp: s }));
          const lowest = [...inOrder].sort((x, y) => x.hlc - y.hlc || (x.origin < y.origin ? -1 : 1))[0];
          expect(claimWinner(asClaims(shuffled), 1)).toEqual(lowest);
        },
      ),
    );
  });

  it('once every node has every claim, exactly one of them wins and the others stand down', () => {
    fc.assert(
      fc.property(claimsOf, (stamps) => {
        const claims: Claim[] = stamps.map((s) => ({ round: 1, stamp: s }));
        const nodes = stamps.map((s) => s.origin);
        const decisions = nodes.map((self) =>
          decideClaim({
            self,
            round: 1,
            claims,
            knownNodes: nodes.filter((n) => n !== self),
            claimedAt: 0,
            now: 0,
            waitMs: 60_000,
            lateMs: 600_000,
          }),
        );
        expect(decisions.filter((d) => d === 'won')).toHaveLength(1);
        expect(decisions.filter((d) => d === 'lost')).toHaveLength(nodes.length - 1);
      }),
    );
  });

  it('waits for a node it knows until the wait is over, then the lowest claim it has wins', () => {
    const claims: Claim[] = [{ round: 1, stamp: { hlc: 10, origin: 'a' } }];
    const input = { self: 'a', round: 1, claims, knownNodes: ['b'], claimedAt: 1_000, waitMs: 60_000, lateMs: 600_000 };
    expect(decideClaim({ ...input, now: 2_000 })).toBe('wait');
    expect(decideClaim({ ...input, now: 61_000 })).toBe('won');
    // A later round is decided by its own claims only.
    const later: Claim[] = [...claims, { round: 2, stamp: { hlc: 90, origin: 'b' } }, { round: 2, stamp: { hlc: 50, origin: 'a' } }];
    expect(decideClaim({ ...input, claims: later, round: 2, knownNodes: ['b'], now: 2_000 })).toBe('won');
    expect(decideClaim({ ...input, self: 'b', claims: later, round: 2, knownNodes: ['a'], now: 2_000 })).toBe('lost');
  });

  it('stands down when a later round exists, or when its claim is too old to act on', () => {
    const claims: Claim[] = [
      { round: 1, stamp: { hlc: 10, origin: 'a' } },
      { round: 1, stamp: { hlc: 20, origin: 'b' } },
    ];
    const input = { self: 'a', round: 1, knownNodes: ['b'], claimedAt: 0, waitMs: 60_000, lateMs: 600_000 };
    expect(decideClaim({ ...input, claims, now: 1_000 })).toBe('won');
    expect(decideClaim({ ...input, claims: [...claims, { round: 2, stamp: { hlc: 90, origin: 'b' } }], now: 1_000 })).toBe('lost');
    expect(decideClaim({ ...input, claims, now: 600_001 })).toBe('lost');
  });

  it('does not decide a round it has not claimed', () => {
    const claims: Claim[] = [{ round: 1, stamp: { hlc: 10, origin: 'b' } }];
    expect(decideClaim({ self: 'a', round: 1, claims, knownNodes: [], claimedAt: 0, now: 1e9, waitMs: 1, lateMs: 2e9 })).toBe('wait');
  });
});
