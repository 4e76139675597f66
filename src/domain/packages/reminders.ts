import { ageDays } from './age';

export type ReminderDaysCheck = { ok: true; days: number[] } | { ok: false; reason: string };

const maxReminders = 5;
const maxDay = 60;

/** "2, 5" → [2, 5]: whole days after logging, ascending; empty turns reminders off. */
export function parseReminderDays(text: string): ReminderDaysCheck {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const days: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, reason: `"${part}" is not a whole number of days. Write days like 2, 5.` };
    const day = Number(part);
    if (day < 1 || day > maxDay) return { ok: false, reason: `Reminder days must be between 1 and ${maxDay}; ${day} is not.` };
    if (days.includes(day)) continue;
    days.push(day);
  }
  if (days.length > maxReminders) return { ok: false, reason: `At most ${maxReminders} reminders.` };
  return { ok: true, days: days.sort((a, b) => a - b) };
}

export interface WaitingPackage {
  id: number;
  recipientId: number;
  loggedAt: number;
  /** How many of the reminder days this package has already been reminded for. */
  remindersSent: number;
  lastRemindedAt: number | null;
  escalatedAt: number | null;
}

export interface ReminderPlan {
  recipientId: number;
  /** Everything still waiting for the recipient: the reminder lists it all. */
  packageIds: number[];
  /** Package id → reminder days now covered. */
  remindersSent: Map<number, number>;
}

/**
 * Which recipients get a reminder now. A package is due once it has waited a reminder day it was not
 * yet reminded for; its recipient then gets one reminder listing everything waiting, unless one
 * already went out on the same local day (`dayOf` gives the local day of a time). Several days passed
 * at once (Packroom was off) still give one reminder.
 */
export function planReminders(
  waiting: readonly WaitingPackage[],
  reminderDays: readonly number[],
  now: number,
  dayOf: (time: number) => number,
): ReminderPlan[] {
  const byRecipient = new Map<number, WaitingPackage[]>();
  for (const p of waiting) {
    const list = byRecipient.get(p.recipientId);
    if (list) list.push(p);
    else byRecipient.set(p.recipientId, [p]);
  }
  const plans: ReminderPlan[] = [];
  const today = dayOf(now);
  for (const [recipientId, packages] of byRecipient) {
    const covered = new Map<number, number>();
    for (const p of packages) {
      const age = ageDays(p.loggedAt, now);
      const passed = reminderDays.filter((d) => d <= age).length;
      if (passed > p.remindersSent) covered.set(p.id, passed);
    }
    if (covered.size === 0) continue;
    const remindedToday = packages.some((p) => p.lastRemindedAt !== null && dayOf(p.lastRemindedAt) === today);
    if (remindedToday) continue;
    plans.push({ recipientId, packageIds: packages.map((p) => p.id), remindersSent: covered });
  }
  return plans;
}

/** Waiting packages that have now waited `days` or more and staff were not yet alerted about. */
export function dueForEscalation(waiting: readonly WaitingPackage[], days: number, now: number): WaitingPackage[] {
  return waiting.filter((p) => p.escalatedAt === null && ageDays(p.loggedAt, now) >= days);
}
