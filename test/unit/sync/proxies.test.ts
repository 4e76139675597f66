import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStamps, type Stamp } from '../../../src/domain/sync/hlc';
import type { FieldStamps } from '../../../src/domain/sync/packages';
import { mergeProxy, type ProxyDetailField, type ProxyRevocation } from '../../../src/domain/sync/proxies';

/** A node's copy of one proxy: its detail fields with their stamps, and its revocation with its stamp. */
interface Copy {
  stamps: FieldStamps<ProxyDetailField>;
  values: Partial<Record<ProxyDetailField, string | null>>;
  revocation: ProxyRevocation | null;
  revocationStamp: Stamp | null;
}

type Change = {
  stamp: Stamp;
  fields: Partial<Record<ProxyDetailField, string | null>> & { revoked_at?: number | null; revoked_by?: string | null };
};

function apply(copy: Copy, change: Change): Copy {
  const merge = mergeProxy(copy.stamps, { revocation: copy.revocation, stamp: copy.revocationStamp }, change);
  const next: Copy = { ...copy, stamps: { ...copy.stamps, fields: { ...copy.stamps.fields } }, values: { ...copy.values } };
  for (const [field, value] of Object.entries(merge.details) as [ProxyDetailField, string | null][]) {
    next.values[field] = value;
    next.stamps.fields[field] = change.stamp;
  }
  if (merge.revocation) {
    next.revocation = merge.revocation;
    next.revocationStamp = change.stamp;
  }
  return next;
}

const created: Stamp = { hlc: 100, origin: 'a' };
const fresh = (): Copy => ({ stamps: { created, fields: {} }, values: { name: 'Ben' }, revocation: null, revocationStamp: null });

const origin = fc.constantFrom('a', 'b', 'c');
const change: fc.Arbitrary<Change> = fc.record({
  stamp: fc.record({ hlc: fc.integer({ min: 101, max: 10_000 }), origin }),
  fields: fc.oneof(
    fc.record({ name: fc.constantFrom('Ben', 'Benjamin', 'B. Ortiz') }),
    fc.record({ phone: fc.constantFrom('+14155550142', null) }),
    fc.record({ until_date: fc.constantFrom('2026-12-31', null) }),
    fc.record({ revoked_at: fc.integer({ min: 1, max: 1000 }), revoked_by: fc.constantFrom('ada', 'bo') }),
    // A change that would clear a revocation: never taken.
    fc.record({ revoked_at: fc.constant(null), revoked_by: fc.constant(null) }),
  ),
});
// Two changes of one node never share a stamp.
const changes = fc.uniqueArray(change, { selector: (c) => `${c.stamp.hlc}:${c.stamp.origin}`, maxLength: 8 });

describe('merging a proxy across nodes', () => {
  it('ends the same whatever order the changes arrive in', () => {
    fc.assert(
      fc.property(changes, fc.func(fc.integer()), (list, key) => {
        const shuffled = [...list].sort((x, y) => key(x) - key(y));
        const a = list.reduce(apply, fresh());
        const b = shuffled.reduce(apply, fresh());
        expect({ values: b.values, revocation: b.revocation }).toEqual({ values: a.values, revocation: a.revocation });
      }),
    );
  });

  it('keeps a revocation whatever later edit arrives, and never un-revokes', () => {
    fc.assert(
      fc.property(changes, (list) => {
        const revocations = list.filter((c) => typeof c.fields.revoked_at === 'number');
        const end = list.reduce(apply, fresh());
        if (revocations.length === 0) {
          expect(end.revocation).toBeNull();
          return;
        }
        // The earliest revocation by stamp is the one every node keeps.
        const first = revocations.reduce((x, y) => (compareStamps(x.stamp, y.stamp) <= 0 ? x : y));
        expect(end.revocation).toEqual({ revoked_at: first.fields.revoked_at, revoked_by: first.fields.revoked_by });
      }),
    );
  });

  it('takes the later writer of each detail', () => {
    const a = apply(fresh(), { stamp: { hlc: 300, origin: 'b' }, fields: { name: 'Benjamin' } });
    expect(apply(a, { stamp: { hlc: 200, origin: 'c' }, fields: { name: 'B.' } }).values.name).toBe('Benjamin');
    expect(apply(a, { stamp: { hlc: 300, origin: 'c' }, fields: { name: 'B.' } }).values.name).toBe('B.');
  });
});
