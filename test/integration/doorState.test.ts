import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { AdjustableClock } from '../../src/clock';
import { createCore, type Core } from '../../src/core';
import { defaultThrottlePolicy } from '../../src/domain/throttle';
import { relayPulses } from '../../src/host/sim';
import { cliActor } from '../../src/services/audit/service';
import { adminPassword, client, englishAlerts, signedInAdmin, tempDir, testCore } from '../helpers/core';

const refillMs = defaultThrottlePolicy.globalRefillMs;
const wrongPin = '38150927';

/** Two runs of Packroom on one data folder and one clock, so time can pass while it is down. */
function site() {
  const dataDir = tempDir();
  const clock = new AdjustableClock();
  return {
    clock,
    /** A run the test ends itself, cleanly (`close`) or not (`crash`). */
    first: (env: Record<string, string> = {}) => createCore({ dataDir, env, clock }),
    /** The run after it, closed when the test ends. */
    next: (env: Record<string, string> = {}) => testCore({ dataDir, env, clock }),
  };
}

/** Ends a run the way a power cut does: nothing of the clean shutdown happens. */
async function crash(core: Core): Promise<void> {
  core.rosterSchedule.stop();
  await core.notifications.stop();
  core.db.close();
}

function addRecipient(core: Core, phone = '(415) 555-0123'): { id: number; pin: string } {
  // Some tests add a second Ana: added anyway, as staff can.
  const r = core.recipients.create(cliActor, {
    firstName: 'Ana',
    lastName: 'Lopez',
    unit: '4B',
    email: 'ana@example.com',
    phone,
    addAnyway: true,
  });
  return { id: r.id, pin: core.credentials.issuePermanent(cliActor, r.id).pin };
}

/** Uses up the shared bucket with wrong PINs spread over keypads, so no single keypad locks out. */
function emptyBucket(core: Core): void {
  for (let i = 0; i < defaultThrottlePolicy.globalBurst; i++) {
    core.access.decide({ via: 'pin', secret: wrongPin, device: `keypad-${i % 4}` });
  }
}

const pinAt = (core: Core, pin: string, device = 'keypad') => core.access.decide({ via: 'pin', secret: pin, device }).result;

describe('keypad limits across a restart', () => {
  it('an empty bucket is still empty after a clean restart', async () => {
    const { first, next } = site();
    const before = first();
    const { pin } = addRecipient(before);
    emptyBucket(before);
    expect(pinAt(before, pin)).toBe('locked-out');
    await before.close();

    const after = next();
    expect(after.door.status().keypadLockedUntil).not.toBeNull();
    expect(pinAt(after, pin)).toBe('locked-out');
    expect(after.audit.list({ limit: 1 }).items[0]).toMatchObject({ action: 'door.locked_out', actor: 'door' });
  });

  it('counts the time Packroom was down as refill, and never more than that', async () => {
    const { first, next, clock } = site();
    const before = first();
    const { pin } = addRecipient(before);
    emptyBucket(before);
    await before.close();

    clock.advance(refillMs);
    const after = next();
    // One refill interval down: exactly one more wrong PIN is taken, then PINs are refused again.
    expect(pinAt(after, wrongPin, 'keypad-9')).toBe('denied');
    expect(pinAt(after, pin, 'keypad-9')).toBe('locked-out');
    clock.advance(refillMs);
    expect(pinAt(after, pin, 'keypad-9')).toBe('granted');
  });

  it('a keypad lockout is still running after a restart', async () => {
    const { first, next, clock } = site();
    const before = first();
    const { pin } = addRecipient(before);
    for (let i = 0; i < defaultThrottlePolicy.freeFailuresPerDevice + 1; i++) expect(pinAt(before, wrongPin)).toBe('denied');
    await before.close();

    clock.advance(10_000);
    const after = next();
    expect(pinAt(after, pin)).toBe('locked-out');
    expect(pinAt(after, pin, 'keypad-2')).toBe('granted');
    clock.advance(defaultThrottlePolicy.baseLockoutMs - 10_000);
    expect(pinAt(after, pin)).toBe('granted');
  });

  it('keeps the Single Access PIN Request limit per number across a restart', async () => {
    const { first, next } = site();
    const env = { PACKROOM_SINGLE_ACCESS_PIN_REQUEST: 'true' };
    const before = first(env);
    addRecipient(before);
    for (let i = 0; i < 3; i++) before.access.requestPin('4155550123', 'keypad');
    await before.close();

    const after = next(env);
    after.access.requestPin('4155550123', 'keypad');
    expect(after.db.prepare("SELECT count(*) FROM outbox WHERE template = 'pin_request'").pluck().get()).toBe(3);
    expect(after.audit.list({ limit: 1 }).items[0]).toMatchObject({ action: 'door.pin_request', details: { outcome: 'rate-limited' } });
    // Only HMACs of what was typed are kept, never the phone number: the keypad's four requests, the number's three.
    const stored = after.db.prepare('SELECT key FROM door_pin_requests').pluck().all() as Buffer[];
    expect(stored).toHaveLength(7);
    for (const key of stored) expect(key.toString('latin1')).not.toContain('4155550123');
  });
});

describe('an unclean start', () => {
  it('alerts staff and does not refill the bucket for the time Packroom was down', async () => {
    const { first, next, clock } = site();
    const before = first();
    before.start();
    const { pin } = addRecipient(before);
    emptyBucket(before);
    await crash(before);

    clock.advance(2 * 3_600_000);
    const after = next();
    after.start();
    expect(englishAlerts(after.alerts.list()).filter((a) => a.kind === 'system.restart')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Packroom restarted unexpectedly at /) }),
    ]);
    // Two hours down would have refilled 8 wrong PINs after a clean shutdown; after a crash, none.
    expect(pinAt(after, pin)).toBe('locked-out');
    clock.advance(refillMs);
    expect(pinAt(after, pin)).toBe('granted');
  });

  it('raises nothing after a clean shutdown', async () => {
    const { first, next } = site();
    const before = first();
    before.start();
    await before.close();
    const after = next();
    after.start();
    expect(after.alerts.list()).toEqual([]);
  });
});

describe('Reset keypad lockout', () => {
  it('lets residents in again at once, audited with the reason; refused when nothing is locked', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    const { pin } = addRecipient(core);
    expect(await c.call('door.resetLockout', { reason: 'Testing' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'The keypad is not locked out, so there is nothing to reset.' },
    });
    emptyBucket(core);
    for (let i = 0; i < 6; i++) pinAt(core, wrongPin);
    expect(pinAt(core, pin)).toBe('locked-out');

    expect(await c.call('door.resetLockout', { reason: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } });
    await c.ok('door.resetLockout', { reason: 'Kids typing random codes, checked the camera' });
    expect(core.door.status().keypadLockedUntil).toBeNull();
    expect(pinAt(core, pin)).toBe('granted');
    expect(core.audit.list({ limit: 5 }).items.find((e) => e.action === 'door.lockout_reset')).toMatchObject({
      actor: 'ada',
      details: { reason: 'Kids typing random codes, checked the camera' },
    });
  });

  it('is saved: a restart after a reset does not bring the lockout back', async () => {
    const { first, next } = site();
    const before = first();
    const { pin } = addRecipient(before);
    emptyBucket(before);
    before.access.resetLockout({ staffId: null, label: 'ada' }, 'Prank');
    await before.close();
    expect(pinAt(next(), pin)).toBe('granted');
  });
});

describe('the lock screen is a login', () => {
  it('refuses unlimited unlock guesses, even with the right password after five wrong ones', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    await c.ok('auth.lock', {});
    for (let i = 0; i < 5; i++) {
      expect(await c.call('auth.unlock', { password: 'guess' })).toMatchObject({ ok: false, error: { message: 'Wrong password.' } });
    }
    expect(await c.call('auth.unlock', { password: adminPassword })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: /Too many wrong passwords/, field: 'password' },
    });
    expect(core.audit.list({ limit: 20 }).items.filter((e) => e.action === 'auth.unlock_failed')).toHaveLength(5);
    core.clock.advance(61_000);
    expect(await c.call('auth.unlock', { password: adminPassword })).toMatchObject({ ok: true, result: { locked: false } });
  });

  it('counts guesses sent all at once', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    await c.ok('auth.lock', {});
    const answers = await Promise.all(Array.from({ length: 12 }, () => c.call('auth.unlock', { password: 'guess' })));
    expect(answers.filter((a) => !a.ok && a.error.message === 'Wrong password.')).toHaveLength(5);
    expect(core.audit.list({ limit: 30 }).items.filter((e) => e.action === 'auth.unlock_failed')).toHaveLength(5);
  });

  it('shares one limit with sign-in per user name, whatever its case, and keeps it across a restart', async () => {
    const { first, next } = site();
    const before = first();
    const c = await signedInAdmin(before);
    await c.ok('auth.lock', {});
    for (let i = 0; i < 3; i++) await c.call('auth.unlock', { password: 'guess' });
    for (let i = 0; i < 2; i++) await client(before).call('auth.login', { username: 'ADA', password: 'guess' });
    await before.close();

    const after = next();
    expect(await client(after).call('auth.login', { username: 'ada', password: adminPassword })).toMatchObject({
      ok: false,
      error: { message: /Too many wrong passwords/ },
    });
    after.clock.advance(61_000);
    expect(await client(after).call('auth.login', { username: 'ada', password: adminPassword })).toMatchObject({ ok: true });
  });
});

describe('a full or read-only database', () => {
  async function door() {
    const core = testCore({ env: { PACKROOM_DOOR_PULSE_SECONDS: '5' } });
    const sim = createSimulator(() => core.clock.now());
    await core.devices.start('sim', sim);
    await core.door.settled();
    const type = async (keys: string) => {
      sim.keypad.type(keys);
      await core.door.settled();
    };
    return { core, type, pulses: () => relayPulses(sim.relayBoard.history) };
  }

  const doorRows = (core: Core) =>
    core.db
      .prepare("SELECT at, action, json_extract(details, '$.reason') AS reason FROM audit_log WHERE actor = 'door' ORDER BY id")
      .all() as { at: number; action: string; reason: string }[];

  /** Caps the file at its size, then fills what is left, as a disk with no space would. */
  function fill(core: Core): void {
    core.db.pragma(`max_page_count = ${core.db.pragma('page_count', { simple: true }) as number}`);
    const filler = core.db.prepare("INSERT INTO audit_log (at, actor, action) VALUES (0, 'test', 'filler')");
    expect(() => {
      for (let i = 0; i < 100_000; i++) filler.run();
    }).toThrow(/full/);
  }

  it('keeps deciding, pulses for grants, alerts staff, and saves the decisions in order when space returns', async () => {
    const { core, type, pulses } = await door();
    const { pin } = addRecipient(core);
    const single = core.credentials.sendSingleAccessPin(cliActor, {
      recipientId: addRecipient(core, '(415) 555-0199').id,
      notifyVia: 'sms',
      expiresAt: new Date(core.clock.now() + 3_600_000).toISOString(),
    }).pin;
    fill(core);

    const start = core.clock.now();
    for (const keys of [wrongPin, pin, single, single, wrongPin]) {
      await type(`${keys}#`);
      core.clock.advance(6_000);
      await core.door.settled();
    }
    expect(pulses()).toHaveLength(2);
    expect(doorRows(core)).toEqual([]);
    const [alert] = englishAlerts(core.alerts.list());
    expect(alert).toMatchObject({ kind: 'storage', message: expect.stringContaining('cannot save to its database') });

    core.db.pragma('max_page_count = 1073741823');
    core.clock.advance(5_000);
    // Each row keeps the time of its decision (6 s apart), not the time it was saved.
    expect(doorRows(core).map((r) => ({ ...r, at: Math.floor((r.at - start) / 6_000) }))).toEqual([
      { at: 0, action: 'door.denied', reason: 'Unknown PIN' },
      { at: 1, action: 'door.granted', reason: 'PIN' },
      { at: 2, action: 'door.granted', reason: 'Single Access PIN (now used)' },
      { at: 3, action: 'door.denied', reason: 'Single Access PIN already used' },
      { at: 4, action: 'door.denied', reason: 'Unknown PIN' },
    ]);
    expect(core.db.prepare("SELECT status FROM access_keys WHERE kind = 'single'").pluck().get()).toBe('used');
    expect(core.alerts.list()).toEqual([expect.objectContaining({ kind: 'storage', id: expect.any(Number) })]);
    expect(core.alerts.list()[0]!.id).toBeLessThan(1_000_000);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The limits counted while the disk was full are saved too: two misses since the grant, three from the bucket.
    expect(core.db.prepare("SELECT failures FROM door_throttle_devices WHERE device = 'keypad'").pluck().get()).toBe(2);
    expect(core.db.prepare('SELECT tokens FROM door_throttle_bucket').pluck().get()).toBeCloseTo(defaultThrottlePolicy.globalBurst - 3, 1);
  });

  it('keeps deciding on a read-only database and writes once it is writable again', async () => {
    const { core, type, pulses } = await door();
    const { pin } = addRecipient(core);
    core.db.pragma('query_only = ON');
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(1);
    expect(doorRows(core)).toEqual([]);
    expect(core.alerts.list().map((a) => a.kind)).toEqual(['storage']);
    core.db.pragma('query_only = OFF');
    await type(`${wrongPin}#`);
    expect(doorRows(core).map((r) => r.action)).toEqual(['door.granted', 'door.denied']);
  });
});

describe('staff actions while the database is full', () => {
  it('say what happened and what to do, and change nothing', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    core.db.pragma('query_only = ON');
    const result = await c.call('recipients.create', { firstName: 'Ann', lastName: 'Lee', unit: '1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: /cannot save to its database: the disk is full/ } });
    core.db.pragma('query_only = OFF');
    expect((await c.ok('recipients.search', { query: '' })).items).toEqual([]);
  });
});
