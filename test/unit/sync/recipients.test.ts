import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stamp } from '../../../src/domain/sync/hlc';
import {
  mergeRecipient,
  recipientFields,
  type RecipientChange,
  type RecipientStamps,
  type RecipientValues,
} from '../../../src/domain/sync/recipients';

interface State {
  values: RecipientValues;
  stamps: RecipientStamps;
  status: 'active' | 'inactive';
}

const created: Stamp = { hlc: 100, origin: 'a' };
const initial = (): State => ({
  values: { first_name: 'Ana', unit: '1A' },
  stamps: { created, fields: {}, deactivated: {}, activated: {} },
  status: 'active',
});

/** What a node holds after applying `changes` in this order, as the applier stores it. */
function applyAll(changes: RecipientChange[]): State {
  const state = initial();
  for (const change of changes) {
    const merged = mergeRecipient(state.stamps, change);
    for (const [field, value] of Object.entries(merged.write)) {
      state.values[field as keyof RecipientValues] = value;
      state.stamps.fields[field as keyof RecipientValues] = change.stamp;
    }
    state.stamps.deactivated = merged.deactivated;
    state.stamps.activated = merged.activated;
    state.status = merged.status;
  }
  return state;
}

const origin = fc.constantFrom('a', 'b', 'c');
const stamp = fc.record({ hlc: fc.integer({ min: 101, max: 10_000 }), origin });
const change: fc.Arbitrary<RecipientChange> = fc.record({
  stamp,
  fields: fc.dictionary(fc.constantFrom(...recipientFields), fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null)), { maxKeys: 3 }),
  status: fc.oneof(
    fc.constant(null),
    fc.constant({ value: 'inactive' as const }),
    fc.record({
      value: fc.constant('active' as const),
      base: fc.dictionary(origin, fc.integer({ min: 101, max: 10_000 }), { maxKeys: 3 }),
    }),
  ),
});
// Distinct stamps: two changes never carry the same (hlc, origin), as (node_uid, seq) never repeats.
const changes = fc.uniqueArray(change, { selector: (c) => `${c.stamp.hlc}:${c.stamp.origin}`, maxLength: 8 });

describe('a recipient merged from several nodes', () => {
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

  it('keeps each field from its latest writer by HLC, the origin breaking a tie', () => {
    const state = applyAll([
      { stamp: { hlc: 300, origin: 'b' }, fields: { unit: '2B' }, status: null },
      { stamp: { hlc: 200, origin: 'c' }, fields: { unit: '3C', first_name: 'Anna' }, status: null },
      { stamp: { hlc: 300, origin: 'a' }, fields: { unit: '9Z' }, status: null },
    ]);
    expect(state.values).toEqual({ first_name: 'Anna', unit: '2B' });
  });

  it('ignores a change older than the creation for every field it did not stamp since', () => {
    expect(applyAll([{ stamp: { hlc: 50, origin: 'z' }, fields: { unit: 'old' }, status: null }]).values.unit).toBe('1A');
  });

  it('keeps a deactivation over a reactivation that had not seen it, whichever is later by the clock', () => {
    const deactivation: RecipientChange = { stamp: { hlc: 500, origin: 'b' }, fields: {}, status: { value: 'inactive' } };
    const concurrent: RecipientChange = { stamp: { hlc: 900, origin: 'a' }, fields: { unit: '5E' }, status: { value: 'active', base: {} } };
    expect(applyAll([deactivation, concurrent]).status).toBe('inactive');
    expect(applyAll([concurrent, deactivation]).status).toBe('inactive');
    // The concurrent change's other fields still apply: only access is held back.
    expect(applyAll([deactivation, concurrent]).values.unit).toBe('5E');
  });

  it('lets a reactivation made after seeing the deactivation win, until a later deactivation', () => {
    const first: RecipientChange = { stamp: { hlc: 500, origin: 'b' }, fields: {}, status: { value: 'inactive' } };
    const back: RecipientChange = { stamp: { hlc: 600, origin: 'a' }, fields: {}, status: { value: 'active', base: { b: 500 } } };
    const again: RecipientChange = { stamp: { hlc: 550, origin: 'c' }, fields: {}, status: { value: 'inactive' } };
    expect(applyAll([first, back]).status).toBe('active');
    expect(applyAll([back, first]).status).toBe('active');
    // c moved them out again without having seen a's reactivation: concurrent, so the deactivation wins.
    expect(applyAll([first, back, again]).status).toBe('inactive');
  });

  it('counts a deactivation as seen only by an activation that knew that very one, not a later one of another node', () => {
    const atA: RecipientChange = { stamp: { hlc: 500, origin: 'a' }, fields: {}, status: { value: 'inactive' } };
    const atB: RecipientChange = { stamp: { hlc: 600, origin: 'b' }, fields: {}, status: { value: 'inactive' } };
    // B, not having seen A's deactivation, switched them off and on again: A's still holds.
    const backAtB: RecipientChange = { stamp: { hlc: 700, origin: 'b' }, fields: {}, status: { value: 'active', base: { b: 600 } } };
    expect(applyAll([atA, atB, backAtB]).status).toBe('inactive');
    // Someone who had seen both switches them on.
    const backAtA: RecipientChange = {
      stamp: { hlc: 800, origin: 'a' },
      fields: {},
      status: { value: 'active', base: { a: 500, b: 600 } },
    };
    expect(applyAll([backAtA, atB, backAtB, atA]).status).toBe('active');
  });
});
