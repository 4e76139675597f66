/**
 * The limit on wrong staff passwords, shared by sign-in and the lock screen: after `maxFailures`
 * wrong passwords for one user name, every attempt waits out `lockoutMs` from the last failure.
 * Attempts still being checked count as failures, so many at once cannot slip past the limit.
 */
export const passwordAttemptPolicy = { maxFailures: 5, lockoutMs: 60_000 };

export interface PasswordFailures {
  count: number;
  until: number;
}

/** True when another attempt must be refused now. */
export function passwordAttemptRefused(failures: PasswordFailures | undefined, inFlight: number, now: number): boolean {
  const recent = failures && failures.until > now ? failures.count : 0;
  return recent + inFlight >= passwordAttemptPolicy.maxFailures;
}

export function afterPasswordFailure(failures: PasswordFailures | undefined, now: number): PasswordFailures {
  const recent = failures && failures.until > now ? failures.count : 0;
  return { count: recent + 1, until: now + passwordAttemptPolicy.lockoutMs };
}

/** User names are case-insensitive, so the limit is too: "Ada" and "ada" share one count. */
export const passwordAttemptKey = (username: string): string => username.trim().toLowerCase();
