/**
 * Brute-force protection for the keypad, which has no user name: any guess may match any active
 * PIN. Two limits, both progressive:
 * - per device: a few free mistakes, then a lockout that doubles with each further failure;
 * - in total: a token bucket of failed PINs shared by all devices, so adding keypads or waiting
 *   out device lockouts does not raise the guess rate above `globalRefillMs` per failure.
 * Time is passed in; nothing here reads a clock.
 */
export interface ThrottlePolicy {
  freeFailuresPerDevice: number;
  baseLockoutMs: number;
  maxLockoutMs: number;
  /** A device's failure count is forgotten after this long without a failure. */
  deviceMemoryMs: number;
  globalBurst: number;
  globalRefillMs: number;
  /** Consecutive failures on one device that raise a staff alert. */
  alertAfterFailures: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  freeFailuresPerDevice: 5,
  baseLockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
  deviceMemoryMs: 60 * 60_000,
  globalBurst: 20,
  globalRefillMs: 15 * 60_000,
  alertAfterFailures: 5,
};

export type ThrottleCheck = { allowed: true } | { allowed: false; until: number; scope: 'device' | 'global' };

export interface FailureOutcome {
  lockedUntil: number | null;
  /** True exactly when this failure should raise a staff alert. */
  alert: boolean;
}

interface DeviceState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export class Throttle {
  private readonly devices = new Map<string, DeviceState>();
  private tokens: number;
  private tokensAt = 0;

  constructor(private readonly policy: ThrottlePolicy = defaultThrottlePolicy) {
    this.tokens = policy.globalBurst;
  }

  check(device: string, now: number, countsGlobally = true): ThrottleCheck {
    const state = this.device(device, now);
    if (state.lockedUntil > now) return { allowed: false, until: state.lockedUntil, scope: 'device' };
    const globalUntil = countsGlobally ? this.globalLockedUntil(now) : null;
    if (globalUntil !== null) return { allowed: false, until: globalUntil, scope: 'global' };
    return { allowed: true };
  }

  recordFailure(device: string, now: number, countsGlobally = true): FailureOutcome {
    const state = this.device(device, now);
    state.failures++;
    state.lastFailureAt = now;
    let lockedUntil: number | null = null;
    let alert = state.failures === this.policy.alertAfterFailures;
    const beyondFree = state.failures - this.policy.freeFailuresPerDevice;
    if (beyondFree > 0) {
      state.lockedUntil = now + Math.min(this.policy.baseLockoutMs * 2 ** (beyondFree - 1), this.policy.maxLockoutMs);
      lockedUntil = state.lockedUntil;
    }
    if (countsGlobally) {
      const before = this.refill(now);
      this.tokens = Math.max(0, before - 1);
      const globalUntil = this.globalLockedUntil(now);
      if (globalUntil !== null) {
        lockedUntil = Math.max(lockedUntil ?? 0, globalUntil);
        if (before >= 1) alert = true;
      }
    }
    return { lockedUntil, alert };
  }

  recordSuccess(device: string): void {
    this.devices.delete(device);
  }

  /** Until when some keypad (or all of them) refuses PINs, or null when none does. */
  lockedUntil(now: number): number | null {
    let until = this.globalLockedUntil(now) ?? 0;
    for (const state of this.devices.values()) if (state.lockedUntil > now) until = Math.max(until, state.lockedUntil);
    return until > now ? until : null;
  }

  /** While the shared limit is used up, when the next PIN attempt will be accepted. */
  globalLockedUntil(now: number): number | null {
    const tokens = this.refill(now);
    return tokens < 1 ? now + Math.ceil((1 - tokens) * this.policy.globalRefillMs) : null;
  }

  private refill(now: number): number {
    if (now > this.tokensAt) {
      this.tokens = Math.min(this.policy.globalBurst, this.tokens + (now - this.tokensAt) / this.policy.globalRefillMs);
      this.tokensAt = now;
    }
    return this.tokens;
  }

  private device(device: string, now: number): DeviceState {
    let state = this.devices.get(device);
    if (!state || (state.lockedUntil <= now && now - state.lastFailureAt > this.policy.deviceMemoryMs)) {
      state = { failures: 0, lastFailureAt: 0, lockedUntil: 0 };
      this.devices.set(device, state);
    }
    return state;
  }
}
