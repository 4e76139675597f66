import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clash,
  firstUse,
  joinEnd,
  useArrives,
  usedEnd,
  type Creation,
  type CredentialEnd,
  type CredentialStatus,
  type Ended,
  type KeyUse,
} from '../../../src/domain/sync/access';

const origin = fc.constantFrom('a', 'b', 'c');
const stamp = fc.record({ hlc: fc.integer({ min: 1, max: 10_000 }), origin });
const endStatus = fc.constantFrom<CredentialStatus>('revoked', 'expired', 'used');
const end = fc
  .record({ status: endStatus, stamp })
  .map((e): Ended => ({ ...e, endedAt: Math.floor(e.stamp.hlc / 2048) + e.stamp.origin.charCodeAt(0) }));
// Two changes never carry the same (hlc, origin): (node_uid, seq) names one change.
const ends = fc.uniqueArray(end, { selector: (e) => `${e.stamp.hlc}:${e.stamp.origin}`, maxLength: 8 });
const active: CredentialEnd = { status: 'active', stamp: null, endedAt: null };

const joinAll = (list: readonly CredentialEnd[]) => list.reduce(joinEnd, active);
const shuffled = <T>(list: fc.Arbitrary<T[]>) =>
  list.chain((l) => fc.tuple(fc.constant(l), fc.shuffledSubarray(l, { minLength: l.length, maxLength: l.length })));

describe("a credential's status merged from several nodes", () => {
  it('ends the same whatever order the changes arrive in, and a change applied twice changes nothing more', () => {
    fc.assert(
      fc.property(shuffled(ends), ([inOrder, reordered]) => {
        expect(joinAll(reordered)).toEqual(joinAll(inOrder));
        expect(joinAll([...inOrder, ...reordered])).toEqual(joinAll(inOrder));
      }),
    );
  });

  it('never goes back to active once any node ended it, whatever the clocks', () => {
    fc.assert(
      fc.property(ends, stamp, (list, late) => {
        fc.pre(list.length > 0);
        // A late "active" (a creation replayed, a stale copy) carries no end: it cannot undo one.
        expect(joinAll([...list, { status: 'active', stamp: late, endedAt: null }]).status).not.toBe('active');
      }),
    );
  });

  it('keeps a use over a revocation or an expiry, and of two of the same kind the first', () => {
    const use: CredentialEnd = { status: 'used', stamp: { hlc: 900, origin: 'a' }, endedAt: 3 };
    const revoked: CredentialEnd = { status: 'revoked', stamp: { hlc: 100, origin: 'b' }, endedAt: 1 };
    const expired: CredentialEnd = { status: 'expired', stamp: { hlc: 50, origin: 'c' }, endedAt: 0 };
    expect(joinAll([revoked, use, expired])).toBe(use);
    expect(joinAll([expired, revoked])).toBe(revoked);
    const laterRevoked: CredentialEnd = { status: 'revoked', stamp: { hlc: 100, origin: 'c' }, endedAt: 2 };
    expect(joinAll([laterRevoked, revoked])).toBe(revoked);
  });
});

const use = (o: string, at: number, hlc = at * 2048): KeyUse => ({ origin: o, node: `node-${o}`, via: 'pin', at, hlc });

describe('uses of one Single Access PIN at several doors', () => {
  const uses = fc.uniqueArray(
    fc.record({ origin: fc.constantFrom('a', 'b', 'c', 'd'), at: fc.integer({ min: 1, max: 1000 }) }).map((u) => use(u.origin, u.at)),
    { selector: (u) => u.origin, maxLength: 4 },
  );

  /** One node applying the uses in this order; what it alerts about. */
  const alerts = (arriving: readonly KeyUse[]) => {
    const recorded: KeyUse[] = [];
    const found: string[] = [];
    for (const u of arriving) {
      const { known, doubleUses } = useArrives(recorded, u);
      if (!known) recorded.push(u);
      for (const [first, second] of doubleUses) found.push(`${first.origin}@${first.at}+${second.origin}@${second.at}`);
    }
    return found;
  };

  it('alerts once for each pair of doors, named earlier first, on every node whatever order the uses arrive in', () => {
    fc.assert(
      fc.property(shuffled(uses), ([inOrder, reordered]) => {
        const found = alerts(reordered);
        expect(found.length).toBe((inOrder.length * Math.max(0, inOrder.length - 1)) / 2);
        expect(new Set(found).size).toBe(found.length);
        expect([...found].sort()).toEqual([...alerts(inOrder)].sort());
        // A use delivered again (after a crash, before its acknowledgement) alerts about nothing more.
        expect(alerts([...reordered, ...inOrder])).toEqual(found);
      }),
    );
  });

  it("keeps the first use by stamp on the key's row, whatever order they arrive in", () => {
    fc.assert(
      fc.property(shuffled(uses), ([inOrder, reordered]) => {
        fc.pre(inOrder.length > 0);
        expect(firstUse(reordered)).toEqual(firstUse(inOrder));
        expect(joinAll(reordered.map(usedEnd))).toEqual(usedEnd(firstUse(inOrder)!));
      }),
    );
  });

  it('names both doors and both times, the earlier first', () => {
    const atA = use('a', 100);
    const atB = use('b', 40);
    expect(useArrives([atA], atB)).toEqual({ known: false, doubleUses: [[atB, atA]] });
    expect(useArrives([atA], use('a', 100))).toEqual({ known: true, doubleUses: [] });
  });
});

describe('credentials made on two nodes that did not know each other', () => {
  const older: Creation = { uid: 'k1', stamp: { hlc: 100, origin: 'a' }, known: [] };
  const newer: Creation = { uid: 'k2', stamp: { hlc: 200, origin: 'b' }, known: [] };

  it('gives a PIN drawn twice to the earlier grant, and revokes the later with its own stamp', () => {
    const outcome = { loser: 'k2', end: { status: 'revoked', stamp: newer.stamp, endedAt: 0 } };
    expect(clash(older, newer, 'samePin')).toEqual(outcome);
    expect(clash(newer, older, 'samePin')).toEqual(outcome);
  });

  it('keeps the later of two new permanent PINs for one recipient', () => {
    expect(clash(newer, older, 'sameRecipient')?.loser).toBe('k1');
    expect(clash(older, newer, 'sameRecipient')?.end.stamp).toEqual(newer.stamp);
  });

  it('sees no clash between a credential and one its writer knew (a PIN reused after the first ended)', () => {
    expect(clash(older, { ...newer, known: ['k1'] }, 'samePin')).toBeNull();
    expect(clash({ ...newer, known: ['k1'] }, older, 'sameRecipient')).toBeNull();
    expect(clash(older, older, 'samePin')).toBeNull();
  });

  it('ends in the same statuses on every node whatever order creations and ends arrive in', () => {
    // A small site: three grants sharing a PIN, made concurrently, and ends of them from any node.
    const creations: Creation[] = [older, newer, { uid: 'k3', stamp: { hlc: 150, origin: 'c' }, known: [] }];
    const event = fc.oneof(
      fc.constantFrom(...creations.map((c) => ({ creation: c }))),
      fc.record({ uid: fc.constantFrom('k1', 'k2', 'k3'), end }),
    );
    /** What one node holds after this order: each key's status, ended as the rules say. */
    const node = (events: readonly ({ creation: Creation } | { uid: string; end: CredentialEnd })[]) => {
      const held = new Map<string, CredentialEnd>();
      const here: Creation[] = [];
      const merge = (uid: string, e: CredentialEnd) => held.set(uid, joinEnd(held.get(uid) ?? active, e));
      for (const e of events) {
        if ('end' in e) merge(e.uid, e.end);
        else if (!here.includes(e.creation)) {
          for (const other of here) {
            const lost = clash(e.creation, other, 'samePin');
            if (lost) merge(lost.loser, lost.end);
          }
          here.push(e.creation);
          merge(e.creation.uid, active);
        }
      }
      return Object.fromEntries([...held].sort(([a], [b]) => a.localeCompare(b)));
    };
    fc.assert(
      fc.property(shuffled(fc.array(event, { maxLength: 6 }).map((l) => [...creations.map((c) => ({ creation: c })), ...l])), ([a, b]) => {
        expect(node(b)).toEqual(node(a));
        // Exactly one of the three keeps the PIN unless something else ended it: the earliest.
        expect(node(a).k2!.status).not.toBe('active');
        expect(node(a).k3!.status).not.toBe('active');
      }),
    );
  });
});
