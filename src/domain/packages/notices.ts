/** A package notice queued but not yet due: another package for the same recipient joins it. */
export interface PendingNotice {
  id: number;
  dueAt: number;
}

export type NoticePlan = { kind: 'join'; id: number } | { kind: 'new'; dueAt: number };

/**
 * Batching: the first package for a recipient queues a notice due `windowMs` later; packages logged
 * before it is due join it, so a batch goes out as one message listing them all. A notice already
 * due may be on its way out, so a later package starts a new one. A window of 0 sends each at once.
 */
export function planNotice(pending: PendingNotice | null, now: number, windowMs: number): NoticePlan {
  if (pending && pending.dueAt > now) return { kind: 'join', id: pending.id };
  return { kind: 'new', dueAt: now + Math.max(0, windowMs) };
}
