import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stamp } from '../../../src/domain/sync/hlc';
import {
  endsSessions,
  mergeStaff,
  staffFields,
  type GuardedChange,
  type StaffChange,
  type StaffStamps,
  type StaffValues,
} from '../../../src/domain/sync/staff';

interface State {
  values: StaffValues;
  stamps: StaffStamps;
  active: boolean;
  admin: boolean;
}

const created: Stamp = { hlc: 100, origin: 'a' };
const initial = (): State => ({
  values: { username: 'ana', display_name: 'Ana' },
  stamps: { created, fields: {}, active: { taken: {}, given: {} }, admin: { taken: {}, given: {} } },
  active: true,
  admin: true,
});

/** What a node holds after applying `changes` in this order, as the applier stores it. */
function applyAll(changes: StaffChange[]): State {
  const state = initial();
  for (const change of changes) {
    const merged = mergeStaff(state.stamps, change);
    for (const [field, value] of Object.entries(merged.write)) {
      state.values[field as keyof StaffValues] = value;
      state.stamps.fields[field as keyof StaffValues] = change.stamp;
    }
    state.stamps.active = { taken: merged.active.taken, given: merged.active.given };
    state.stamps.admin = { taken: merged.admin.taken, given: merged.admin.given };
    state.active = merged.active.value;
    state.admin = merged.admin.value;
  }
  return state;
}

const origin = fc.constantFrom('a', 'b', 'c');
const hlc = fc.integer({ min: 101, max: 10_000 });
const guarded: fc.Arbitrary<GuardedChange> = fc.oneof(
  fc.constant(null),
  fc.constant({ value: 'take' as const }),
  fc.record({ value: fc.constant('give' as const), base: fc.dictionary(origin, hlc, { maxKeys: 3 }) }),
);
const change: fc.Arbitrary<StaffChange> = fc.record({
  stamp: fc.record({ hlc, origin }),
  fields: fc.dictionary(fc.constantFrom(...staffFields), fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null)), { maxKeys: 3 }),
  active: guarded,
  admin: guarded,
});
// Distinct stamps: two changes never carry the same (hlc, origin), as (node_uid, seq) never repeats.
const changes = fc.uniqueArray(change, { selector: (c) => `${c.stamp.hlc}:${c.stamp.origin}`, maxLength: 8 });

const at = (n: number, o: string): Stamp => ({ hlc: n, origin: o });
const only = (c: Partial<StaffChange> & { stamp: Stamp }): StaffChange => ({ fields: {}, active: null, admin: null, ...c });

describe('a staff account merged from several nodes', () => {
  it('ends the same whatever order the changes arrive in', () => {
    fc.assert(
      fc.property(
        changes.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        ([inOrder, shuffled]) => {
          expect(applyAll(shuffled)).toEqual(applyAll(inOrder));
        },
      ),
    );
  });

  it('is idempotent: a change applied twice changes nothing more', () => {
    fc.assert(
      fc.property(changes, (list) => {
        expect(applyAll([...list, ...list])).toEqual(applyAll(list));
      }),
    );
  });

  it('is never active while a deactivation no activation had seen is there, whatever else arrives', () => {
    fc.assert(
      fc.property(changes, fc.record({ hlc, origin }), (list, stamp) => {
        const deactivation = only({ stamp, active: { value: 'take' } });
        // Nothing in `list` saw it unless its base names that very stamp or a later one of the same node.
        const seen = list.some((c) => c.active?.value === 'give' && (c.active.base[stamp.origin] ?? -1) >= stamp.hlc);
        if (!seen) expect(applyAll([...list, deactivation]).active).toBe(false);
      }),
    );
  });

  it('keeps each field from its latest writer by HLC, the origin breaking a tie', () => {
    const state = applyAll([
      only({ stamp: at(300, 'b'), fields: { display_name: 'Ana B' } }),
      only({ stamp: at(200, 'c'), fields: { display_name: 'Ana C', password_hash: 'h2' } }),
      only({ stamp: at(300, 'a'), fields: { display_name: 'Ana A' } }),
    ]);
    expect(state.values).toEqual({ username: 'ana', display_name: 'Ana B', password_hash: 'h2' });
  });

  it('keeps a deactivation over a concurrent reactivation, whichever is later by the clock', () => {
    const off = only({ stamp: at(500, 'b'), active: { value: 'take' } });
    const on = only({ stamp: at(900, 'a'), active: { value: 'give', base: {} } });
    expect(applyAll([off, on]).active).toBe(false);
    expect(applyAll([on, off]).active).toBe(false);
    // An activation made after seeing it wins.
    const back = only({ stamp: at(950, 'a'), active: { value: 'give', base: { b: 500 } } });
    expect(applyAll([back, on, off]).active).toBe(true);
  });

  it('keeps a demotion over a concurrent promotion, whichever is later by the clock', () => {
    const demote = only({ stamp: at(500, 'b'), admin: { value: 'take' } });
    const promote = only({ stamp: at(900, 'a'), admin: { value: 'give', base: {} } });
    expect(applyAll([demote, promote]).admin).toBe(false);
    expect(applyAll([promote, demote]).admin).toBe(false);
    expect(applyAll([demote, only({ stamp: at(950, 'c'), admin: { value: 'give', base: { b: 500 } } })]).admin).toBe(true);
  });
});

describe("a node's open sessions after an account's change arrives", () => {
  const before = { active: true, passwordHash: 'h1' };

  it('end when the account was deactivated or its password changed', () => {
    expect(endsSessions(before, { active: false, passwordHash: 'h1' })).toBe(true);
    expect(endsSessions(before, { active: true, passwordHash: 'h2' })).toBe(true);
  });

  it('stay for any other change', () => {
    expect(endsSessions(before, before)).toBe(false);
    expect(endsSessions({ active: false, passwordHash: 'h1' }, { active: true, passwordHash: 'h1' })).toBe(false);
  });
});
