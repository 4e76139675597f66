/**
 * The limit on password checks nobody signed in can cause. A check of a name with no account costs a
 * full scrypt (so that a wrong name takes as long as a wrong password), and nothing else bounds how many
 * such names a caller can try: a flood of them would fill the thread pool and leave the real admin's
 * sign-in waiting behind it for minutes. So these checks share one budget, per minute and at once;
 * beyond it they are refused without any work. A name with an account is checked whatever the budget
 * (its own limit, `passwordAttempts.ts`, bounds those), so the admin still gets in during a flood.
 */
export const signInBudgetPolicy = { perMinute: 30, atOnce: 1, windowMs: 60_000 };

export interface SignInBudget {
  windowStart: number;
  used: number;
  inFlight: number;
}

export const freshSignInBudget: SignInBudget = { windowStart: Number.NEGATIVE_INFINITY, used: 0, inFlight: 0 };

const usedNow = (budget: SignInBudget, now: number) => (now - budget.windowStart < signInBudgetPolicy.windowMs ? budget.used : 0);

/** True while another budgeted check must be refused. */
export function signInBudgetSpent(budget: SignInBudget, now: number): boolean {
  return usedNow(budget, now) >= signInBudgetPolicy.perMinute || budget.inFlight >= signInBudgetPolicy.atOnce;
}

/** The budget once a check starts (call only when it is not spent). */
export function startBudgetedCheck(budget: SignInBudget, now: number): SignInBudget {
  const fresh = now - budget.windowStart >= signInBudgetPolicy.windowMs;
  return { windowStart: fresh ? now : budget.windowStart, used: usedNow(budget, now) + 1, inFlight: budget.inFlight + 1 };
}

export function endBudgetedCheck(budget: SignInBudget): SignInBudget {
  return { ...budget, inFlight: Math.max(0, budget.inFlight - 1) };
}

/**
 * Every refused sign-in is answered no sooner than this after it arrived, whatever refused it (a wrong
 * password after a full check, a name with no account, the budget, a locked-out name): the time of
 * the answer tells nothing about which it was. Above a scrypt check's time on a busy machine.
 */
export const refusedSignInAnswerMs = 400;
