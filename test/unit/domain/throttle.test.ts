import { describe, expect, it } from 'vitest';
import {
  checkThrottle,
  defaultThrottlePolicy,
  initialThrottle,
  lockedUntil,
  recordFailure,
  recordSuccess,
  resetThrottle,
  withoutDowntimeRefill,
  type ThrottlePolicy,
  type ThrottleState,
} from '../../../src/domain/throttle';

const policy: ThrottlePolicy = { ...defaultThrottlePolicy, globalBurst: 1000 };

/** The pure functions threaded through one state, as AccessService keeps it between decisions. */
class Throttle {
  state: ThrottleState;
  constructor(private readonly policy: ThrottlePolicy = defaultThrottlePolicy) {
    this.state = initialThrottle(policy);
  }
  check(device: string, now: number, countsGlobally = true) {
    return checkThrottle(this.state, device, now, countsGlobally, this.policy);
  }
  recordFailure(device: string, now: number, countsGlobally = true) {
    const next = recordFailure(this.state, device, now, countsGlobally, this.policy);
    this.state = next.state;
    return next.outcome;
  }
  recordSuccess(device: string) {
    this.state = recordSuccess(this.state, device);
  }
}

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

describe('Throttle state as data', () => {
  it('never changes the state it was given', () => {
    const before = initialThrottle();
    const { state } = recordFailure(before, 'keypad', 1_000);
    expect(before.devices.size).toBe(0);
    expect(before.bucket.tokens).toBe(defaultThrottlePolicy.globalBurst);
    expect(state.devices.get('keypad')).toEqual({ failures: 1, lastFailureAt: 1_000, lockedUntil: 0 });
    expect(state.bucket.tokens).toBe(defaultThrottlePolicy.globalBurst - 1);
  });

  it('counts time since the last save as refill, but not after an unclean start', () => {
    let state = initialThrottle();
    for (let i = 0; i < defaultThrottlePolicy.globalBurst; i++) state = recordFailure(state, `k${i}`, 0).state;
    const oneRefill = defaultThrottlePolicy.globalRefillMs;
    expect(checkThrottle(state, 'keypad', 2 * oneRefill)).toEqual({ allowed: true });
    const distrusted = withoutDowntimeRefill(state, 2 * oneRefill);
    expect(checkThrottle(distrusted, 'keypad', 2 * oneRefill)).toEqual({ allowed: false, until: 3 * oneRefill, scope: 'global' });
    expect(checkThrottle(distrusted, 'keypad', 3 * oneRefill)).toEqual({ allowed: true });
  });

  it('a staff reset clears device lockouts and fills the bucket', () => {
    let state = initialThrottle();
    for (let i = 0; i < 30; i++) state = recordFailure(state, 'keypad', 0).state;
    expect(lockedUntil(state, 0)).not.toBeNull();
    const reset = resetThrottle(10);
    expect(lockedUntil(reset, 10)).toBeNull();
    expect(checkThrottle(reset, 'keypad', 10)).toEqual({ allowed: true });
    expect(reset.bucket).toEqual({ tokens: defaultThrottlePolicy.globalBurst, at: 10 });
  });
});
