/** Attempts before a send that keeps failing for a passing reason is given up on (about an hour of trying). */
export const MAX_ATTEMPTS = 8;

const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;
const JITTER = 0.1;

/**
 * How long to wait after the `attempts`-th failed try: 30 s, 1 min, 2 min, … capped at 1 h, plus up to
 * 10% so messages that failed together (the mail server was down) do not all retry at the same instant.
 * The jitter comes from the notification id rather than Math.random so a test can know when a retry is due.
 */
export function retryDelayMs(attempts: number, notificationId: number): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
  const spread = (Math.imul(notificationId, 0x9e3779b1) >>> 0) / 2 ** 32;
  return Math.round(base * (1 + JITTER * spread));
}
