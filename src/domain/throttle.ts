/**
 * Brute-force protection for the keypad, which has no user name: any guess may match any active
 * PIN. Two limits, both progressive:
 * - per device: a few free mistakes, then a lockout that doubles with each further failure;
 * - in total: a token bucket of failed PINs shared by all devices, so adding keypads or waiting
 *   out device lockouts does not raise the guess rate above `globalRefillMs` per failure.
 * The state is plain data that each function takes and returns (a new value, never mutated), so the
 * caller can save exactly what it decided on; time is passed in and nothing here reads a clock.
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

export interface DeviceThrottle {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/** The shared bucket: `tokens` wrong PINs left as of time `at`; it refills from `at` on. */
export interface Bucket {
  tokens: number;
  at: number;
}

export interface ThrottleState {
  devices: ReadonlyMap<string, DeviceThrottle>;
  bucket: Bucket;
}

export type ThrottleCheck = { allowed: true } | { allowed: false; until: number; scope: 'device' | 'global' };

export interface FailureOutcome {
  lockedUntil: number | null;
  /** True exactly when this failure should raise a staff alert. */
  alert: boolean;
}

export const initialThrottle = (policy: ThrottlePolicy = defaultThrottlePolicy): ThrottleState => ({
  devices: new Map(),
  bucket: { tokens: policy.globalBurst, at: 0 },
});

export function checkThrottle(
  state: ThrottleState,
  device: string,
  now: number,
  countsGlobally = true,
  policy: ThrottlePolicy = defaultThrottlePolicy,
): ThrottleCheck {
  const current = deviceState(state, device, now, policy);
  if (current.lockedUntil > now) return { allowed: false, until: current.lockedUntil, scope: 'device' };
  const globalUntil = countsGlobally ? globalLockedUntil(state, now, policy) : null;
  if (globalUntil !== null) return { allowed: false, until: globalUntil, scope: 'global' };
  return { allowed: true };
}

export function recordFailure(
  state: ThrottleState,
  device: string,
  now: number,
  countsGlobally = true,
  policy: ThrottlePolicy = defaultThrottlePolicy,
): { state: ThrottleState; outcome: FailureOutcome } {
  const before = deviceState(state, device, now, policy);
  const failures = before.failures + 1;
  let lockedUntil: number | null = null;
  let alert = failures === policy.alertAfterFailures;
  const beyondFree = failures - policy.freeFailuresPerDevice;
  const next: DeviceThrottle = { failures, lastFailureAt: now, lockedUntil: before.lockedUntil };
  if (beyondFree > 0) {
    next.lockedUntil = now + Math.min(policy.baseLockoutMs * 2 ** (beyondFree - 1), policy.maxLockoutMs);
    lockedUntil = next.lockedUntil;
  }
  let bucket = state.bucket;
  if (countsGlobally) {
    const tokensBefore = refill(bucket, now, policy).tokens;
    bucket = { tokens: Math.max(0, tokensBefore - 1), at: Math.max(now, bucket.at) };
    const globalUntil = bucketEmptyUntil(bucket, now, policy);
    if (globalUntil !== null) {
      lockedUntil = Math.max(lockedUntil ?? 0, globalUntil);
      if (tokensBefore >= 1) alert = true;
    }
  }
  return { state: { devices: new Map(state.devices).set(device, next), bucket }, outcome: { lockedUntil, alert } };
}

export function recordSuccess(state: ThrottleState, device: string): ThrottleState {
  if (!state.devices.has(device)) return state;
  const devices = new Map(state.devices);
  devices.delete(device);
  return { ...state, devices };
}

/** Until when some keypad (or all of them) refuses PINs, or null when none does. */
export function lockedUntil(state: ThrottleState, now: number, policy: ThrottlePolicy = defaultThrottlePolicy): number | null {
  let until = globalLockedUntil(state, now, policy) ?? 0;
  for (const d of state.devices.values()) if (d.lockedUntil > now) until = Math.max(until, d.lockedUntil);
  return until > now ? until : null;
}

/** While the shared limit is used up, when the next PIN attempt will be accepted. */
export function globalLockedUntil(state: ThrottleState, now: number, policy: ThrottlePolicy = defaultThrottlePolicy): number | null {
  return bucketEmptyUntil(refill(state.bucket, now, policy), now, policy);
}

/**
 * After a run that did not shut down cleanly: the bucket keeps what it had when last saved and
 * refills only from now, so cutting the power never hands a guesser the time the door was down.
 */
export function withoutDowntimeRefill(state: ThrottleState, now: number): ThrottleState {
  return { ...state, bucket: { tokens: state.bucket.tokens, at: Math.max(now, state.bucket.at) } };
}

/** Staff cleared a lockout (a prankster, not a guesser): every device forgets its failures and the bucket is full. */
export function resetThrottle(now: number, policy: ThrottlePolicy = defaultThrottlePolicy): ThrottleState {
  return { devices: new Map(), bucket: { tokens: policy.globalBurst, at: now } };
}

/** The bucket as of `now`. A clock that went backwards refills nothing. */
function refill(bucket: Bucket, now: number, policy: ThrottlePolicy): Bucket {
  if (now <= bucket.at) return bucket;
  return { tokens: Math.min(policy.globalBurst, bucket.tokens + (now - bucket.at) / policy.globalRefillMs), at: now };
}

function bucketEmptyUntil(bucket: Bucket, now: number, policy: ThrottlePolicy): number | null {
  return bucket.tokens < 1 ? Math.max(now, bucket.at) + Math.ceil((1 - bucket.tokens) * policy.globalRefillMs) : null;
}

function deviceState(state: ThrottleState, device: string, now: number, policy: ThrottlePolicy): DeviceThrottle {
  const current = state.devices.get(device);
  if (!current || (current.lockedUntil <= now && now - current.lastFailureAt > policy.deviceMemoryMs)) {
    return { failures: 0, lastFailureAt: 0, lockedUntil: 0 };
  }
  return current;
}
