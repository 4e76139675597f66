import { describe, expect, it } from 'vitest';
import { defaultThrottlePolicy, Throttle, type ThrottlePolicy } from '../../../src/domain/throttle';

const policy: ThrottlePolicy = { ...defaultThrottlePolicy, globalBurst: 1000 };

describe('Throttle per device', () => {
  it('allows the free mistakes, then locks out for a time that doubles', () => {
    const t = new Throttle(policy);
    let now = 0;
    for (let i = 0; i < 5; i++) expect(t.recordFailure('keypad', now).lockedUntil).toBeNull();
    expect(t.check('keypad', now)).toEqual({ allowed: true });
    expect(t.recordFailure('keypad', now).lockedUntil).toBe(30_000);
    expect(t.check('keypad', 29_999)).toEqual({ allowed: false, until: 30_000, scope: 'device' });
    now = 30_000;
    expect(t.check('keypad', now)).toEqual({ allowed: true });
    expect(t.recordFailure('keypad', now).lockedUntil).toBe(now + 60_000);
  });

  it('caps the lockout and keeps devices apart', () => {
    const t = new Throttle(policy);
    let until = 0;
    for (let i = 0; i < 30; i++) until = t.recordFailure('keypad', until).lockedUntil ?? until;
    expect(t.check('reader', until - 1)).toEqual({ allowed: true });
    const last = t.recordFailure('keypad', until);
    expect(last.lockedUntil! - until).toBe(policy.maxLockoutMs);
  });

  it('forgets failures after a success', () => {
    const t = new Throttle(policy);
    for (let i = 0; i < 5; i++) t.recordFailure('keypad', 0);
    t.recordSuccess('keypad');
    expect(t.recordFailure('keypad', 1).lockedUntil).toBeNull();
  });

  it('raises one alert when a device reaches the alert threshold', () => {
    const t = new Throttle(policy);
    const alerts = Array.from({ length: 8 }, (_, i) => t.recordFailure('keypad', i).alert);
    expect(alerts.filter(Boolean)).toHaveLength(1);
    expect(alerts[4]).toBe(true);
  });
});

describe('Throttle in total', () => {
  it('shares a bucket of failures between devices and refills it slowly', () => {
    const t = new Throttle({ ...defaultThrottlePolicy, globalBurst: 3, freeFailuresPerDevice: 100, alertAfterFailures: 100 });
    expect(t.recordFailure('a', 0).alert).toBe(false);
    t.recordFailure('b', 0);
    const third = t.recordFailure('c', 0);
    expect(third.alert).toBe(true);
    expect(t.check('d', 0)).toEqual({ allowed: false, until: defaultThrottlePolicy.globalRefillMs, scope: 'global' });
    expect(t.check('d', defaultThrottlePolicy.globalRefillMs)).toEqual({ allowed: true });
  });

  it('does not count QR scan failures against the shared PIN budget', () => {
    const t = new Throttle({ ...defaultThrottlePolicy, globalBurst: 1 });
    t.recordFailure('reader', 0, false);
    expect(t.check('keypad', 0)).toEqual({ allowed: true });
  });

  it('holds the sustained guess rate to one per refill interval', () => {
    const t = new Throttle(defaultThrottlePolicy);
    const day = 24 * 3_600_000;
    let guesses = 0;
    for (let now = 0; now < 10 * day; now += 1_000) {
      if (t.check('keypad', now).allowed) {
        t.recordFailure('keypad', now);
        guesses++;
      }
    }
    const perDay = (guesses - defaultThrottlePolicy.globalBurst) / 10;
    expect(perDay).toBeLessThanOrEqual(day / defaultThrottlePolicy.globalRefillMs);
  });
});
