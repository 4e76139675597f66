/**
 * Holds and vacations (issue 22): on the app clock, a hold pauses a recipient's reminders and escalation, sends one
 * notice when it ends (at a real SMTP server), and flags packages that arrive during a `return` hold; bad input
 * changes nothing.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { messageText } from '../../src/contract';
import { cliActor } from '../../src/services/audit/service';
import { localDate } from '../../src/services/packages/localTime';
import { adminPassword, signedInAdmin, testCore } from '../helpers/core';
import { startSmtpServer } from '../helpers/smtpServer';

const minute = 60_000;
const day = 86_400_000;
const ups = '1Z999AA10123456784';
const amazon = 'TBA123456789012';

async function desk() {
  const mailbox = await startSmtpServer();
  onTestFinished(() => mailbox.close());
  const core = testCore({ env: { PACKROOM_SMTP_URL: mailbox.url, PACKROOM_MAIL_FROM: 'Desk <desk@example.test>' } });
  core.start();
  const staff = await signedInAdmin(core);
  const ann = core.recipients.create(cliActor, { firstName: 'Ann', lastName: 'Lee', unit: '4B', email: 'ann@example.com', phone: null });
  await core.notifications.drain();
  const welcome = mailbox.messages.length;
  const mail = () => mailbox.messages.slice(welcome);
  const subjects = () => mail().map((m) => m.subject);
  /** Days pass (the screen locks meanwhile; staff unlock it); the schedule runs as its timer would, and the outbox sends. */
  const passes = async (ms: number) => {
    core.clock.advance(ms);
    core.packages.runDue();
    await core.notifications.drain();
    await staff.ok('auth.unlock', { password: adminPassword });
  };
  /** The day `n` days from the app clock's today, YYYY-MM-DD. */
  const dayIn = (n: number) => localDate(core.clock.now() + n * day);
  return { core, staff, ann, mail, subjects, passes, dayIn };
}

describe('holds', () => {
  it('a keep hold pauses reminders and escalation, sends one notice when it ends, then reminders resume one at a time', async () => {
    const { core, staff, ann, subjects, mail, passes, dayIn } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id, shelf: 'B1' });
    await passes(11 * minute);
    expect(subjects()).toEqual(['You have 1 package at Package Room']);

    // Away from tomorrow for 9 days: reminder days 2 and 5 and the 7-day escalation all fall inside.
    const hold = await staff.ok('holds.set', { recipientId: ann.id, from: dayIn(1), until: dayIn(9), mode: 'keep' });
    expect(hold).toMatchObject({ state: 'upcoming', mode: 'keep', createdBy: 'ada' });
    for (let d = 1; d <= 9; d++) await passes(day);
    expect(subjects()).toHaveLength(1);
    expect(core.alerts.list().filter((a) => a.kind === 'package.waiting')).toHaveLength(0);
    const [item] = (await staff.ok('packages.list', { status: 'waiting' })).items;
    expect(item!.hold).toEqual({ until: hold.until, returnBy: null });

    // The morning after the last day: one notice, listing what waits; no burst of the reminders missed.
    await passes(day);
    expect(subjects().slice(1)).toEqual(['Welcome back: 1 package is waiting for you at Package Room']);
    expect(mail().at(-1)!.text).toContain(ups);
    await passes(minute);
    expect(subjects()).toHaveLength(2);
    expect((await staff.ok('holds.list', { recipientId: ann.id })).holds[0]).toMatchObject({ state: 'ended' });
    expect((await staff.ok('packages.list', { status: 'waiting' })).items[0]!.hold).toBeNull();

    // Reminders count again from the hold's end: the first 2 days after it, one only; escalation 7 days after it.
    await passes(day);
    expect(subjects()).toHaveLength(2);
    await passes(day);
    expect(subjects().slice(2)).toEqual(['Reminder: 1 package is waiting for you at Package Room']);
    await passes(day);
    expect(subjects()).toHaveLength(3);
    for (let d = 0; d < 4; d++) await passes(day);
    expect(core.alerts.list().filter((a) => a.kind === 'package.waiting')).toHaveLength(1);

    const history = await staff.ok('activity.list', { recipientId: ann.id, limit: 20 });
    expect(history.items.map((e) => e.action)).toEqual(expect.arrayContaining(['hold.set', 'hold.ended']));
  });

  it('a hold cancelled while in force ends at once: the end notice goes, it is audited, and it cannot be cancelled twice', async () => {
    const { core, staff, ann, subjects, passes, dayIn } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    await passes(11 * minute);
    const hold = await staff.ok('holds.set', { recipientId: ann.id, from: dayIn(0), until: dayIn(6), mode: 'keep' });
    expect(hold.state).toBe('current');
    await passes(3 * day);
    expect(subjects()).toHaveLength(1);
    const cancelled = await staff.ok('holds.cancel', { id: hold.id });
    expect(cancelled).toMatchObject({ cancelledBy: 'ada', state: 'ended' });
    await passes(minute);
    expect(subjects().at(-1)).toBe('Welcome back: 1 package is waiting for you at Package Room');
    expect((await staff.call('holds.cancel', { id: hold.id })).ok).toBe(false);
    const actions = (await staff.ok('activity.list', { recipientId: ann.id, limit: 20 })).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['hold.set', 'hold.cancelled', 'hold.ended']));
    expect(core.repos.holds.byId(hold.id)!.endNoticeAt).not.toBeNull();
  });

  it('a package that arrives during a return hold shows its day to go back, and is flagged and alerted once that day', async () => {
    const { core, staff, ann, passes, dayIn } = await desk();
    const hold = await staff.ok('holds.set', { recipientId: ann.id, from: dayIn(0), until: dayIn(10), mode: 'return', returnDays: 3 });
    await passes(day);
    const logged = await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: ann.id });
    expect(logged.hold).toEqual({ until: hold.until, returnBy: dayIn(3) });
    expect(logged.returnToSender).toBe(false);
    await passes(2 * day);
    expect(core.alerts.list().filter((a) => a.kind === 'package.holdReturn')).toHaveLength(0);
    await passes(day);
    const alerts = core.alerts.list().filter((a) => a.kind === 'package.holdReturn');
    expect(alerts).toHaveLength(1);
    expect(messageText(alerts[0]!.message)).toContain(`arrived during their hold and is due to go back to the sender: ${amazon}`);
    const [item] = (await staff.ok('packages.list', { status: 'waiting' })).items;
    expect(item).toMatchObject({ returnToSender: true, hold: { returnBy: logged.hold!.returnBy } });
    await passes(day);
    expect(core.alerts.list().filter((a) => a.kind === 'package.holdReturn')).toHaveLength(1);
    // Its detail says so too, after the hold's alert.
    expect((await staff.ok('packages.get', { id: logged.id })).hold?.returnBy).toBe(logged.hold!.returnBy);
  });

  it('refuses bad holds with a sentence on the field at fault, and changes nothing', async () => {
    const { core, staff, ann, dayIn } = await desk();
    const existing = await staff.ok('holds.set', { recipientId: ann.id, from: dayIn(5), until: dayIn(9), mode: 'keep' });
    const refusals: [unknown, string, string][] = [
      [{ recipientId: ann.id, from: dayIn(4), until: dayIn(2), mode: 'keep' }, 'until', 'The last day away is before the first day.'],
      [{ recipientId: ann.id, from: dayIn(-1), until: dayIn(2), mode: 'keep' }, 'from', 'A hold cannot start before today.'],
      [{ recipientId: ann.id, from: dayIn(8), until: dayIn(12), mode: 'keep' }, 'from', 'Ann Lee already has a hold from'],
      [{ recipientId: ann.id, from: dayIn(20), until: dayIn(400), mode: 'keep' }, 'until', 'A hold lasts at most 180 days.'],
      [{ recipientId: ann.id, from: dayIn(20), until: dayIn(22), mode: 'return' }, 'returnDays', 'Days before a package goes back'],
      [{ recipientId: ann.id, from: dayIn(20), until: dayIn(22), mode: 'return', returnDays: 0 }, 'returnDays', 'Days before'],
      [{ recipientId: ann.id, from: '20/12/2026', until: dayIn(22), mode: 'keep' }, 'from', 'Enter dates as YYYY-MM-DD.'],
      [{ recipientId: ann.id, from: dayIn(20), until: dayIn(22), mode: 'away' }, 'mode', 'Choose what happens to packages'],
      [{ recipientId: 999, from: dayIn(20), until: dayIn(22), mode: 'keep' }, 'recipientId', 'That recipient no longer exists.'],
    ];
    for (const [input, field, words] of refusals) {
      const answer = await staff.call('holds.set', input);
      expect(answer.ok, JSON.stringify(input)).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.field, JSON.stringify(input)).toBe(field);
      expect(answer.error.message).toContain(words);
    }
    core.recipients.setStatus(cliActor, ann.id, 'inactive');
    expect((await staff.call('holds.set', { recipientId: ann.id, from: dayIn(20), until: dayIn(22), mode: 'keep' })).ok).toBe(false);
    expect((await staff.ok('holds.list', { recipientId: ann.id })).holds.map((h) => h.id)).toEqual([existing.id]);
  });
});
