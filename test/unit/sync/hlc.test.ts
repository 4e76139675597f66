import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStamps, logicalPerMs, receive, tick, wallMs } from '../../../src/domain/sync/hlc';

// Wall times from 2000 to 2100, and clocks anywhere from zero to a century ahead of them.
const wall = fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 });
const hlc = fc.integer({ min: 0, max: 4_102_444_800_000 * logicalPerMs });

describe('the hybrid logical clock', () => {
  it('ticks later than the last stamp and no earlier than the wall time', () => {
    fc.assert(
      fc.property(hlc, wall, (last, now) => {
        const next = tick(last, now);
        expect(next).toBeGreaterThan(last);
        expect(wallMs(next)).toBeGreaterThanOrEqual(now);
        expect(Number.isSafeInteger(next)).toBe(true);
      }),
    );
  });

  it('is monotonic over any run of local ticks and received stamps, whatever the wall clock does', () => {
    const step = fc.oneof(fc.record({ now: wall }), fc.record({ remote: hlc }));
    fc.assert(
      fc.property(hlc, fc.array(step, { maxLength: 50 }), (start, steps) => {
        let clock = start;
        for (const s of steps) {
          const next = 'now' in s ? tick(clock, s.now) : receive(clock, s.remote);
          if ('now' in s) expect(next).toBeGreaterThan(clock);
          else expect(next).toBeGreaterThanOrEqual(clock);
          clock = next;
        }
      }),
    );
  });

  it('after a merge is at least both clocks, and the next local change is later than the remote one', () => {
    fc.assert(
      fc.property(hlc, hlc, wall, (local, remote, now) => {
        const merged = receive(local, remote);
        expect(merged).toBeGreaterThanOrEqual(local);
        expect(merged).toBeGreaterThanOrEqual(remote);
        expect(tick(merged, now)).toBeGreaterThan(remote);
      }),
    );
  });

  it('keeps the wall time readable: a tick at a later millisecond starts that millisecond', () => {
    expect(tick(0, 1_000)).toBe(1_000 * logicalPerMs);
    expect(tick(1_000 * logicalPerMs, 1_000)).toBe(1_000 * logicalPerMs + 1);
    expect(wallMs(tick(1_000 * logicalPerMs + 5, 1_001))).toBe(1_001);
  });

  it('orders stamps totally: by clock, then by origin; an absent stamp first', () => {
    const stamp = fc.record({ hlc, origin: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        // A sum, not toBe(-sign): two equal stamps give 0 and -0, which toBe (Object.is) tells apart.
        expect(Math.sign(compareStamps(a, b)) + Math.sign(compareStamps(b, a))).toBe(0);
        if (compareStamps(a, b) === 0) expect(a).toEqual(b);
      }),
    );
    expect(compareStamps({ hlc: 5, origin: 'a' }, { hlc: 5, origin: 'a' })).toBe(0);
    expect(compareStamps(null, { hlc: 0, origin: 'a' })).toBeLessThan(0);
    expect(compareStamps(null, null)).toBe(0);
  });
});
