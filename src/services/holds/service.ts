import type { z } from 'zod';
import { ApiError, message, type HoldItem, type HoldOverview, type PackageHold } from '../../contract';
import type { holdSetInput } from '../../contract/holds';
import type { Clock } from '../../clock';
import type { Repositories } from '../../db/repositories';
import type { HoldRow } from '../../db/repositories/holds';
import {
  addDays,
  checkNewHold,
  currentOrNext,
  holdAt,
  holdSpan,
  maxHoldDays,
  maxReturnDays,
  returnBy,
  type Calendar,
  type HoldRefusal,
} from '../../domain/holds';
import type { Actor, AuditService } from '../audit/service';
import type { EventBus } from '../events';
import { localDate, parseLocalDate } from '../packages/localTime';
import type { Transactor } from '../tx';

/** Days as the desk counts them (the computer's zone), as reminder days are. */
export const calendar: Calendar = { dayOf: localDate, startOf: parseLocalDate };

export interface HoldDeps {
  repos: Pick<Repositories, 'holds' | 'recipients'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  events: EventBus;
}

type SetInput = z.output<typeof holdSetInput>;

const subject = (recipientId: number) => `recipient:${recipientId}`;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * Holds and vacations (docs/architecture.md, "Holds"): set and cancelled by staff in the Recipient Detail View (audited),
 * read by the package rules (reminders, escalation, the end notice and the return flag: PackageService) and the
 * package lists.
 */
export class HoldService {
  constructor(private readonly deps: HoldDeps) {}

  list(recipientId: number): HoldOverview {
    const now = this.deps.clock.now();
    const holds = this.deps.repos.holds.forRecipient(recipientId);
    const current = currentOrNext(holds, now, calendar);
    return { current: current && toItem(current, now), holds: holds.map((h) => toItem(h, now)) };
  }

  set(actor: Actor, input: SetInput, via: HoldRow['createdVia'] = 'staff'): HoldItem {
    const now = this.deps.clock.now();
    const recipient = this.deps.repos.recipients.byId(input.recipientId);
    if (!recipient) throw new ApiError('NOT_FOUND', message('packages.recipientGone'), 'recipientId');
    const name = `${recipient.firstName} ${recipient.lastName}`;
    if (recipient.status !== 'active') throw new ApiError('CONFLICT', message('packages.recipientInactive', { name }), 'recipientId');
    const returnDays = input.mode === 'return' ? (input.returnDays ?? null) : null;
    const wanted = { fromDay: input.from, untilDay: input.until, mode: input.mode, returnDays };
    const row = this.deps.tx.run(() => {
      const existing = this.deps.repos.holds.forRecipient(recipient.id, 1000);
      const refusal = checkNewHold(wanted, existing, now, calendar);
      if (refusal) throw refused(refusal, name, existing, wanted, now);
      const id = this.deps.repos.holds.insert({ recipientId: recipient.id, ...wanted, createdByName: actor.label, createdVia: via, now });
      this.deps.audit.record(actor, 'hold.set', subject(recipient.id), {
        from: input.from,
        until: input.until,
        mode: input.mode,
        returnDays,
      });
      this.changed(recipient.id);
      return this.deps.repos.holds.byId(id)!;
    });
    return toItem(row, now);
  }

  cancel(actor: Actor, id: number): HoldItem {
    const now = this.deps.clock.now();
    const row = this.deps.tx.run(() => {
      const hold = this.deps.repos.holds.byId(id);
      if (!hold) throw new ApiError('NOT_FOUND', message('holds.notFound'), 'id');
      if (hold.cancelledAt !== null) throw new ApiError('CONFLICT', message('holds.alreadyCancelled'), 'id');
      const span = holdSpan(hold, calendar);
      if (!span || span.end <= now) throw new ApiError('CONFLICT', message('holds.alreadyEnded'), 'id');
      this.deps.repos.holds.cancel(id, now, actor.label);
      this.deps.audit.record(actor, 'hold.cancelled', subject(hold.recipientId), {
        from: hold.fromDay,
        until: hold.untilDay,
        mode: hold.mode,
      });
      this.changed(hold.recipientId);
      return this.deps.repos.holds.byId(id)!;
    });
    return toItem(row, now);
  }

  /**
   * The holds of these recipients that can matter to packages logged since `since` (in force then or later), by
   * recipient: what the package rules and lists read, in one query.
   */
  byRecipient(recipientIds: readonly number[], since: number): Map<number, HoldRow[]> {
    const unique = [...new Set(recipientIds)];
    const map = new Map<number, HoldRow[]>();
    for (const h of this.deps.repos.holds.forRecipients(unique, addDays(calendar.dayOf(since), -1))) {
      map.set(h.recipientId, [...(map.get(h.recipientId) ?? []), h]);
    }
    return map;
  }

  /** What a list shows beside a package: its recipient on hold until when, and the day it goes back. */
  packageHold(holds: readonly HoldRow[] | undefined, loggedAt: number, now: number): PackageHold | null {
    if (!holds || holds.length === 0) return null;
    const current = holdAt(holds, now, calendar);
    const back = returnBy(loggedAt, holds, calendar);
    if (!current && !back) return null;
    return { until: current?.untilDay ?? null, returnBy: back };
  }

  private changed(recipientId: number): void {
    this.deps.tx.onCommit(() => {
      this.deps.events.emit('holds.changed', { recipientId });
      // The package lists show the hold beside the recipient's packages.
      this.deps.events.emit('packages.changed', { recipientIds: [recipientId] });
    });
  }
}

function toItem(h: HoldRow, now: number): HoldItem {
  const span = holdSpan(h, calendar);
  const state: HoldItem['state'] = !span ? 'cancelled' : span.end <= now ? 'ended' : span.start <= now ? 'current' : 'upcoming';
  return {
    id: h.id,
    recipientId: h.recipientId,
    from: h.fromDay,
    until: h.untilDay,
    mode: h.mode,
    returnDays: h.returnDays,
    state,
    createdAt: iso(h.createdAt)!,
    createdBy: h.createdByName,
    createdVia: h.createdVia,
    cancelledAt: iso(h.cancelledAt),
    cancelledBy: h.cancelledByName,
    endNoticeAt: iso(h.endNoticeAt),
  };
}

function refused(
  refusal: HoldRefusal,
  name: string,
  existing: readonly HoldRow[],
  wanted: { fromDay: string; untilDay: string },
  now: number,
): ApiError {
  switch (refusal) {
    case 'untilBeforeFrom':
      return new ApiError('VALIDATION', message('holds.untilBeforeFrom'), 'until');
    case 'fromPast':
      return new ApiError('VALIDATION', message('holds.fromPast'), 'from');
    case 'tooLong':
      return new ApiError('VALIDATION', message('holds.tooLong', { max: maxHoldDays }), 'until');
    case 'returnDays':
      return new ApiError('VALIDATION', message('holds.returnDays', { max: maxReturnDays }), 'returnDays');
    case 'overlaps': {
      const other = existing.find((h) => {
        const span = holdSpan(h, calendar);
        return span && span.end > now && wanted.fromDay <= h.untilDay && h.fromDay <= wanted.untilDay;
      })!;
      const from = calendar.startOf(other.fromDay);
      const until = calendar.startOf(other.untilDay);
      return new ApiError('CONFLICT', message('holds.overlaps', { name, from, until }), 'from');
    }
  }
}
