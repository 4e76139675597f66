import type { Message } from '../contract';
import { heldAlertAfterMs } from '../domain/sync/watch';

/** A change another node made that this one cannot write yet. */
export interface HeldChange {
  /** The other node: its uid and the name it gave itself. */
  origin: string;
  node: string;
  seq: number;
  /** The record it changes, as staff recognise it ("recipient Ana Lopez (1A)"). */
  record: Message;
  /** When it was first held (ms). */
  since: number;
  /**
   * Why: `refused`, the database refused the write (it may pass later: alerted after a few minutes); `newer`, a
   * newer Packroom made it (a newer event version, or a kind of record this one does not know): it waits until this
   * computer is updated, which nothing but staff can do, so it is alerted at once.
   */
  reason: 'refused' | 'newer';
}

/**
 * The changes held now, one per origin (a node's changes apply in order, so only its first held one matters). In
 * memory: after a restart a change still refused is held, and counted, afresh.
 */
export class HeldChanges {
  private readonly byOrigin = new Map<string, HeldChange>();

  constructor(private readonly alertAfterMs = heldAlertAfterMs) {}

  /** Held again or for the first time: the same change keeps the time it was first held. */
  held(change: Omit<HeldChange, 'since'>, now: number): void {
    const known = this.byOrigin.get(change.origin);
    this.byOrigin.set(change.origin, { ...change, since: known?.seq === change.seq ? known.since : now });
  }

  /** A change of `origin` was written: what held it is gone. */
  applied(origin: string): void {
    this.byOrigin.delete(origin);
  }

  /** The change held longest, once it has been held long enough to alert about; null when none has. */
  overdue(now: number): HeldChange | null {
    let oldest: HeldChange | null = null;
    for (const h of this.byOrigin.values()) if (!oldest || h.since < oldest.since) oldest = h;
    return oldest && (oldest.reason === 'newer' || now - oldest.since >= this.alertAfterMs) ? oldest : null;
  }
}
