import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkNewHold,
  currentOrNext,
  endNoticeDue,
  holdAt,
  returnBy,
  waitingSince,
  type Calendar,
  type Hold,
} from '../../../src/domain/holds';
import { planReminders, type WaitingPackage } from '../../../src/domain/packages/reminders';

const dayMs = 86_400_000;
// A UTC calendar for the tests: the service passes the computer's own (localTime.ts).
const cal: Calendar = {
  dayOf: (t) => new Date(t).toISOString().slice(0, 10),
  startOf: (day) => Date.parse(`${day}T00:00:00Z`),
};
const at = (day: string, hour = 12) => cal.startOf(day) + hour * 3_600_000;
const hold = (fromDay: string, untilDay: string, extra: Partial<Hold> = {}): Hold => ({
  id: 1,
  recipientId: 10,
  fromDay,
  untilDay,
  mode: 'keep',
  returnDays: null,
  cancelledAt: null,
  endNoticeAt: null,
  ...extra,
});
const away = hold('2026-12-10', '2026-12-14');

describe('a recipient on hold', () => {
  it.each([
    ['the day before', at('2026-12-09', 23), false],
    ['its first day at midnight', cal.startOf('2026-12-10'), true],
    ['its last day, late', at('2026-12-14', 23), true],
    ['the midnight after its last day', cal.startOf('2026-12-15'), false],
  ])('%s: %s', (_what, time, on) => {
    expect(holdAt([away], time, cal) !== null).toBe(on);
  });

  it.each([
    ['cancelled before it began', cal.startOf('2026-12-09'), at('2026-12-11'), false],
    ['cancelled on its second day, the day after', at('2026-12-11', 9), at('2026-12-12'), false],
    ['cancelled on its second day, that morning before', at('2026-12-11', 9), at('2026-12-11', 8), true],
  ])('%s', (_what, cancelledAt, time, on) => {
    expect(holdAt([{ ...away, cancelledAt }], time, cal) !== null).toBe(on);
  });

  it('shows the hold in force, else the next one', () => {
    const later = hold('2027-01-05', '2027-01-09', { id: 2 });
    expect(currentOrNext([later, away], at('2026-12-12'), cal)?.id).toBe(1);
    expect(currentOrNext([later, away], at('2026-12-20'), cal)?.id).toBe(2);
    expect(currentOrNext([later, away], at('2027-01-20'), cal)).toBeNull();
  });
});

describe('reminders and escalation around a hold', () => {
  const logged = at('2026-12-08');
  it.each([
    ['before the hold: counted from logging', at('2026-12-09'), logged],
    ['during the hold: not counted at all', at('2026-12-12'), null],
    ['after the hold: counted from its end', at('2026-12-16'), cal.startOf('2026-12-15')],
    ['logged after the hold ended: from logging', at('2026-12-20'), at('2026-12-20')],
  ])('%s', (_what, now, since) => {
    const loggedAt = now === at('2026-12-20') ? at('2026-12-20') : logged;
    expect(waitingSince(loggedAt, [away], now, cal)).toBe(since);
  });

  it('sends no burst of missed reminders after the hold: the next waits a first reminder day after its end', () => {
    // Reminder days 2 and 5, logged on the 8th, on hold from the 10th to the 14th.
    const plan = (now: number, remindersSent = 0) => {
      const since = waitingSince(logged, [away], now, cal);
      const waiting: WaitingPackage[] =
        since === null ? [] : [{ id: 1, recipientId: 10, loggedAt: since, remindersSent, lastRemindedAt: null, escalatedAt: null }];
      return planReminders(waiting, [2, 5], now, (t) => Math.floor(t / dayMs));
    };
    expect(plan(at('2026-12-12'))).toEqual([]); // day 4 of waiting, on hold: nothing
    expect(plan(at('2026-12-15'))).toEqual([]); // back, but the end notice said what waits
    expect(plan(at('2026-12-17'))).toHaveLength(1); // 2 days after the end: the first reminder, one only
    expect(plan(at('2026-12-17'), 1)).toEqual([]);
  });
});

describe('the end-of-hold notice', () => {
  it.each([
    ['during the hold', away, at('2026-12-14'), false],
    ['the morning after its last day', away, at('2026-12-15', 8), true],
    ['already sent', { ...away, endNoticeAt: at('2026-12-15', 1) }, at('2026-12-15', 8), false],
    ['a week late (Packroom was off)', away, at('2026-12-22'), false],
    ['cancelled while in force: due from the cancellation', { ...away, cancelledAt: at('2026-12-12') }, at('2026-12-12', 13), true],
    ['cancelled before it began: never', { ...away, cancelledAt: at('2026-12-01') }, at('2026-12-15', 8), false],
  ])('%s', (_what, h, now, due) => {
    expect(endNoticeDue(h, now, cal)).toBe(due);
  });
});

describe('the day a package goes back', () => {
  const back = hold('2026-12-10', '2026-12-14', { mode: 'return', returnDays: 3 });
  it.each([
    ['arrived during a return hold', [back], at('2026-12-11'), '2026-12-14'],
    ['arrived before it', [back], at('2026-12-09'), null],
    ['arrived after it', [back], at('2026-12-15'), null],
    ['arrived during a keep hold', [away], at('2026-12-11'), null],
  ])('%s', (_what, holds, loggedAt, day) => {
    expect(returnBy(loggedAt, holds, cal)).toBe(day);
  });
});

describe('a new hold', () => {
  const now = at('2026-12-08');
  const keep = { mode: 'keep' as const, returnDays: null };
  it.each([
    ['next week', { fromDay: '2026-12-10', untilDay: '2026-12-14', ...keep }, [], null],
    ['starting today', { fromDay: '2026-12-08', untilDay: '2026-12-08', ...keep }, [], null],
    ['ending before it starts', { fromDay: '2026-12-14', untilDay: '2026-12-10', ...keep }, [], 'untilBeforeFrom'],
    ['starting yesterday', { fromDay: '2026-12-07', untilDay: '2026-12-10', ...keep }, [], 'fromPast'],
    ['half a year and more', { fromDay: '2026-12-10', untilDay: addDays('2026-12-10', 180), ...keep }, [], 'tooLong'],
    ['return without days', { fromDay: '2026-12-10', untilDay: '2026-12-14', mode: 'return' as const, returnDays: null }, [], 'returnDays'],
    ['over another still to come', { fromDay: '2026-12-12', untilDay: '2026-12-20', ...keep }, [away], 'overlaps'],
    ['over a cancelled one', { fromDay: '2026-12-12', untilDay: '2026-12-20', ...keep }, [{ ...away, cancelledAt: now }], null],
    ['the day after another', { fromDay: '2026-12-15', untilDay: '2026-12-20', ...keep }, [away], null],
  ])('%s', (_what, input, existing, refusal) => {
    expect(checkNewHold(input, existing, now, cal)).toBe(refusal);
  });
});
