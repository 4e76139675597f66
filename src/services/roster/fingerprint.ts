import type { RecipientRepository } from '../../db/repositories/recipients';

// Ids per step: about a millisecond of reading at 50,000 recipients.
const span = 10_000;

/**
 * What the roster looked like: changes whenever a recipient is added or written (updated_at only grows),
 * so that a preview gone stale shows at apply. Hand-added recipients count too: an import may link them.
 * Read a range of ids per step, so that apply can check it on the door's thread with a break between
 * steps (the whole table at once took 4-17 ms); a preview's thread runs it through in one read transaction.
 */
export function* rosterFingerprint(recipients: Pick<RecipientRepository, 'lastRecipientId' | 'fingerprintPart'>): Generator<void, string> {
  const last = recipients.lastRecipientId();
  let count = 0;
  const totals: number[] = [];
  for (let after = 0; after < last; after += span) {
    const part = recipients.fingerprintPart(after, after + span);
    count += part.count;
    totals.push(part.total);
    if (after + span < last) yield;
  }
  return `${count}:${last}:${totals.join(',')}`;
}

/** Runs it through at once (inside a read transaction, so every range sees the same moment). */
export function fingerprintNow(steps: Generator<void, string>): string {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
