import { z } from 'zod';
import { id } from './common';
import { method, type MethodDef } from './define';
import { says } from './messages';

/** Holds and vacations (docs/architecture.md, "Holds"): a recipient away, and what happens to their packages meanwhile. */

export const holdModes = ['keep', 'return'] as const;
export type HoldMode = (typeof holdModes)[number];
export const maxReturnDays = 60;

const day = z.iso.date({ error: says('validation.dates') });

export const holdListInput = z.object({ recipientId: id });

export const holdSetInput = z
  .object({
    recipientId: id,
    /** The first and last day away (YYYY-MM-DD, this computer's calendar), both included. */
    from: day,
    until: day,
    mode: z.enum(holdModes, { error: says('holds.chooseMode') }),
    /** For `return`: days after a package arrives that it goes back. */
    returnDays: z
      .number({ error: says('holds.returnDays', { max: maxReturnDays }) })
      .int(says('holds.returnDays', { max: maxReturnDays }))
      .min(1, says('holds.returnDays', { max: maxReturnDays }))
      .max(maxReturnDays, says('holds.returnDays', { max: maxReturnDays }))
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.until < v.from) ctx.addIssue({ code: 'custom', path: ['until'], message: says('holds.untilBeforeFrom') });
    if (v.mode === 'return' && (v.returnDays === null || v.returnDays === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['returnDays'], message: says('holds.returnDays', { max: maxReturnDays }) });
    }
  });

export const holdCancelInput = z.object({ id });

/** A hold as staff see it. `state` is as of now: `upcoming`, `current`, `ended` or `cancelled` (before it started). */
export interface HoldItem {
  id: number;
  recipientId: number;
  from: string;
  until: string;
  mode: HoldMode;
  returnDays: number | null;
  state: 'upcoming' | 'current' | 'ended' | 'cancelled';
  createdAt: string;
  createdBy: string;
  createdVia: 'staff' | 'sms' | 'email';
  cancelledAt: string | null;
  cancelledBy: string | null;
  /** When the notice at its end was queued; null until then. */
  endNoticeAt: string | null;
}

/** What a package list and the intake show beside a recipient on hold: until when, and when a `return` package goes back. */
export interface PackageHold {
  /** YYYY-MM-DD: the recipient is on hold now, until that day (included); null when not on hold now. */
  until: string | null;
  /** YYYY-MM-DD: this package arrived during a `return` hold and goes back on that day. */
  returnBy: string | null;
}

export interface HoldOverview {
  /** The hold in force, else the next one; null when none. */
  current: HoldItem | null;
  /** Every hold of the recipient, the latest first (at most 20). */
  holds: HoldItem[];
}

export const holdMethods = {
  'holds.list': method<HoldOverview>()({ input: holdListInput, access: 'staff' }),
  'holds.set': method<HoldItem>()({ input: holdSetInput, access: 'staff' }),
  'holds.cancel': method<HoldItem>()({ input: holdCancelInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
