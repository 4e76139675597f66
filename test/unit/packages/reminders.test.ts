import { describe, expect, it } from 'vitest';
import { ageBuckets, countPerDay } from '../../../src/domain/packages/age';
import { dueForEscalation, parseReminderDays, planReminders, type WaitingPackage } from '../../../src/domain/packages/reminders';
import { reconcile } from '../../../src/domain/packages/shelfCheck';

const day = 86_400_000;
const start = Date.UTC(2026, 10, 2, 9);
// Days in UTC for the tests: the service passes the computer's local day.
const utcDay = (t: number) => Math.floor(t / day);
const pkg = (id: number, recipientId: number, loggedAt: number, extra: Partial<WaitingPackage> = {}): WaitingPackage => ({
  id,
  recipientId,
  loggedAt,
  remindersSent: 0,
  lastRemindedAt: null,
  escalatedAt: null,
  ...extra,
});

describe('reminder days setting', () => {
  it('reads "2, 5" and friends', () => {
    expect(parseReminderDays('2, 5')).toEqual({ ok: true, days: [2, 5] });
    expect(parseReminderDays('5,2 2')).toEqual({ ok: true, days: [2, 5] });
    expect(parseReminderDays('')).toEqual({ ok: true, days: [] });
  });

  it('refuses what is not days', () => {
    expect(parseReminderDays('two')).toMatchObject({ ok: false });
    expect(parseReminderDays('0')).toMatchObject({ ok: false });
    expect(parseReminderDays('1,2,3,4,5,6')).toMatchObject({ ok: false });
  });
});

describe('reminder scheduling', () => {
  it('reminds nobody before the first reminder day', () => {
    expect(planReminders([pkg(1, 10, start)], [2, 5], start + 2 * day - 1, utcDay)).toEqual([]);
  });

  it('sends one reminder per recipient listing everything waiting, once a package reaches a reminder day', () => {
    const waiting = [pkg(1, 10, start), pkg(2, 10, start + day), pkg(3, 11, start + day)];
    const plans = planReminders(waiting, [2, 5], start + 2 * day, utcDay);
    expect(plans).toEqual([{ recipientId: 10, packageIds: [1, 2], remindersSent: new Map([[1, 1]]) }]);
  });

  it('does not remind twice for the same reminder day', () => {
    const reminded = pkg(1, 10, start, { remindersSent: 1, lastRemindedAt: start + 2 * day });
    expect(planReminders([reminded], [2, 5], start + 4 * day, utcDay)).toEqual([]);
    expect(planReminders([reminded], [2, 5], start + 5 * day, utcDay)).toHaveLength(1);
  });

  it('never sends two reminders on the same day, even for a second package reaching its day', () => {
    const waiting = [pkg(1, 10, start, { remindersSent: 1, lastRemindedAt: start + 2 * day }), pkg(2, 10, start - 3 * day + 3_600_000)];
    // Package 2 reaches its 5th day later the same day package 1 was reminded.
    const sameDay = start + 2 * day + 2 * 3_600_000;
    expect(planReminders(waiting, [2, 5], sameDay, utcDay)).toEqual([]);
    expect(planReminders(waiting, [2, 5], start + 3 * day, utcDay)).toHaveLength(1);
  });

  it('sends one reminder covering every day missed while Packroom was off', () => {
    const plans = planReminders([pkg(1, 10, start)], [2, 5], start + 9 * day, utcDay);
    expect(plans).toHaveLength(1);
    expect(plans[0]!.remindersSent.get(1)).toBe(2);
  });

  it('has no reminders with no reminder days', () => {
    expect(planReminders([pkg(1, 10, start)], [], start + 30 * day, utcDay)).toEqual([]);
  });

  it('escalates once a package has waited the escalation days, and only once', () => {
    const waiting = [pkg(1, 10, start), pkg(2, 10, start + day), pkg(3, 11, start, { escalatedAt: start + 7 * day })];
    expect(dueForEscalation(waiting, 7, start + 7 * day).map((p) => p.id)).toEqual([1]);
  });
});

describe('overview counts', () => {
  it('puts waiting packages into age buckets', () => {
    const now = start + 20 * day;
    const times = [now, now - 2 * day, now - 3 * day, now - 7 * day, now - 8 * day, now - 14 * day, now - 15 * day, now - 40 * day];
    expect(ageBuckets(times, now)).toEqual({ '0-2': 2, '3-7': 2, '8-14': 2, '15+': 2 });
  });

  it('counts per day between the given day starts', () => {
    const starts = [0, 10, 20, 30];
    expect(countPerDay([-1, 0, 5, 10, 29, 30], starts)).toEqual([2, 1, 1]);
  });
});

describe('shelf check reconciliation', () => {
  const p = (id: number, tracking: string, status: 'waiting' | 'picked_up' | 'returned' | 'missing', loggedAt = 0) => ({
    id,
    tracking,
    status,
    loggedAt,
  });

  it('finds what is on the shelf but recorded as gone, what is waiting but not found, and what was never logged', () => {
    const waiting = [p(1, 'A1111', 'waiting'), p(2, 'B2222', 'waiting'), p(5, 'LATE5', 'waiting', 200)];
    const latest = new Map([
      ['A1111', p(1, 'A1111', 'waiting')],
      ['C3333', p(3, 'C3333', 'picked_up')],
    ]);
    const result = reconcile(['A1111', 'C3333', 'D4444'], waiting, latest, 100);
    expect(result.notWaitingButFound.map((x) => x.id)).toEqual([3]);
    expect(result.waitingNotFound.map((x) => x.id)).toEqual([2]);
    expect(result.neverLogged).toEqual(['D4444']);
  });
});
