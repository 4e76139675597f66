import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstAcknowledgement, isSharedAlert, type Acknowledgement } from '../../../src/domain/sync/alerts';
import type { Stamp } from '../../../src/domain/sync/hlc';
import { isSiteSetting, localSettingKeys, settingWins } from '../../../src/domain/sync/settings';

const stamp = fc.record({ hlc: fc.integer({ min: 1, max: 10_000 }), origin: fc.constantFrom('a', 'b', 'c') });
const shuffled = <T>(list: T[]) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length });

/** A key's value on a node after `writes` arrive in this order, as the applier keeps it. */
function settle(writes: { stamp: Stamp; value: number }[]): number | null {
  let current: { stamp: Stamp; value: number } | null = null;
  for (const w of writes) if (settingWins(current?.stamp ?? null, w.stamp)) current = w;
  return current?.value ?? null;
}

describe('a site setting written on several nodes', () => {
  const writes = fc.uniqueArray(fc.record({ stamp, value: fc.integer() }), {
    selector: (w) => `${w.stamp.hlc}:${w.stamp.origin}`,
    maxLength: 8,
  });

  it('ends with the latest writer by HLC, whatever order the writes arrive in', () => {
    fc.assert(
      fc.property(
        writes.chain((list) => fc.tuple(fc.constant(list), shuffled(list))),
        ([inOrder, other]) => {
          expect(settle(other)).toBe(settle(inOrder));
          const latest = [...inOrder].sort((x, y) => x.stamp.hlc - y.stamp.hlc || (x.stamp.origin < y.stamp.origin ? -1 : 1)).at(-1);
          expect(settle(inOrder)).toBe(latest?.value ?? null);
        },
      ),
    );
  });

  it('does not take a write with the same stamp twice (a redelivery), nor an older one', () => {
    expect(settingWins({ hlc: 5, origin: 'a' }, { hlc: 5, origin: 'a' })).toBe(false);
    expect(settingWins({ hlc: 5, origin: 'b' }, { hlc: 5, origin: 'a' })).toBe(false);
    expect(settingWins({ hlc: 5, origin: 'a' }, { hlc: 5, origin: 'b' })).toBe(true);
  });

  it("keeps one PC's settings on it", () => {
    for (const key of localSettingKeys) expect(isSiteSetting(key)).toBe(false);
    for (const key of ['siteName', 'smtpUrl', 'twilioAuthToken', 'packageReminderDays', 'singleAccessPinRequest'])
      expect(isSiteSetting(key)).toBe(true);
  });
});

describe("an alert's acknowledgements from several nodes", () => {
  const acks = fc.uniqueArray(fc.record({ stamp, at: fc.integer({ min: 0, max: 1e6 }), by: fc.option(fc.constantFrom('s1', 's2')) }), {
    selector: (a) => `${a.stamp.hlc}:${a.stamp.origin}`,
    minLength: 1,
    maxLength: 6,
  });
  const fold = (list: Acknowledgement[]) => list.reduce<Acknowledgement | null>(firstAcknowledgement, null);

  it('keep the first one (its time and staff member), whatever order they arrive in', () => {
    fc.assert(
      fc.property(
        acks.chain((list) => fc.tuple(fc.constant(list), shuffled(list))),
        ([inOrder, other]) => {
          expect(fold(other)).toEqual(fold(inOrder));
          expect(fold([...inOrder, ...inOrder])).toEqual(fold(inOrder));
          const first = Math.min(...inOrder.map((a) => a.stamp.hlc));
          expect(fold(inOrder)!.stamp.hlc).toBe(first);
        },
      ),
    );
  });

  it('are shared for every kind but the standing ones each node raises for itself', () => {
    expect(isSharedAlert('door.failures')).toBe(true);
    expect(isSharedAlert('notification.emailNotSetUp')).toBe(false);
  });
});
