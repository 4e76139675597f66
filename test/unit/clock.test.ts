import { describe, expect, it } from 'vitest';
import { AdjustableClock } from '../../src/clock';

describe('AdjustableClock', () => {
  it('runs timers that become due when time is advanced, in due order', () => {
    const clock = new AdjustableClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 2_000);
    clock.setTimeout(() => fired.push('a'), 1_000);
    clock.setTimeout(() => fired.push('c'), 60_000);
    clock.advance(5_000);
    expect(fired).toEqual(['a', 'b']);
  });

  it('moves now() forward and never runs a cancelled timer', () => {
    const clock = new AdjustableClock();
    const before = clock.now();
    let fired = false;
    clock.setTimeout(() => (fired = true), 1_000).cancel();
    clock.advance(10_000);
    expect(fired).toBe(false);
    expect(clock.now() - before).toBeGreaterThanOrEqual(10_000);
  });

  it('refuses to go backwards', () => {
    expect(() => new AdjustableClock().advance(-1)).toThrow(RangeError);
  });
});
