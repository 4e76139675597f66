import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/contract';
import { refusedSignInAnswerMs, signInBudgetPolicy } from '../../src/domain/signInBudget';
import { adminPassword, client, signedInAdmin, testCore } from '../helpers/core';

const errorKey = (envelope: Envelope) => (envelope.ok ? 'ok' : envelope.error.key);

/** A call and how long its answer took, timed from before the call is made (the core notes its arrival inside it). */
async function timed(call: () => Promise<Envelope>): Promise<{ envelope: Envelope; ms: number }> {
  const started = performance.now();
  const envelope = await call();
  return { envelope, ms: performance.now() - started };
}

describe('sign-in under a flood of bad attempts', () => {
  it('signs the real admin in within 3 s while 600 attempts with distinct names arrive at once, and checks only its budget of them', async () => {
    const core = testCore();
    await signedInAdmin(core);
    const attacker = client(core);
    const flood = Array.from({ length: 600 }, (_, i) => attacker.call('auth.login', { username: `guess${i}`, password: 'wrong password' }));
    const admin = await timed(() => client(core).call('auth.login', { username: 'ada', password: adminPassword }));
    expect(admin.envelope).toMatchObject({ ok: true });
    expect(admin.ms).toBeLessThan(3_000);

    const answers = await Promise.all(flood);
    expect(new Set(answers.map(errorKey))).toEqual(new Set(['auth.wrongCredentials', 'auth.busy']));
    const checked = core.audit.list({ limit: 1000 }).items.filter((e) => e.action === 'auth.login_failed');
    expect(checked.length).toBeLessThanOrEqual(signInBudgetPolicy.perMinute);
    expect(answers.filter((a) => errorKey(a) === 'auth.wrongCredentials')).toHaveLength(checked.length);
  });

  it('answers a known name with a wrong password as it answers an unknown name, during a flood and without one', async () => {
    const core = testCore();
    await signedInAdmin(core);
    const c = client(core);
    const knownWrong = await timed(() => c.call('auth.login', { username: 'ada', password: 'not the password' }));
    const unknown = await timed(() => c.call('auth.login', { username: 'nobody', password: 'not the password' }));
    for (const attempt of [knownWrong, unknown]) {
      expect(errorKey(attempt.envelope)).toBe('auth.wrongCredentials');
      expect(attempt.ms).toBeGreaterThanOrEqual(refusedSignInAnswerMs - 1);
    }

    // While a flood holds the budget, both kinds again.
    const flood = Array.from({ length: 100 }, (_, i) => c.call('auth.login', { username: `guess${i}`, password: 'wrong password' }));
    const [duringKnown, duringUnknown] = await Promise.all([
      timed(() => c.call('auth.login', { username: 'ada', password: 'still not it' })),
      timed(() => c.call('auth.login', { username: 'someone', password: 'still not it' })),
    ]);
    for (const attempt of [duringKnown, duringUnknown]) {
      expect(attempt.envelope).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED', key: 'auth.busy', message: 'Too many sign-in attempts right now. Try again in a minute.' },
      });
      expect(attempt.ms).toBeGreaterThanOrEqual(refusedSignInAnswerMs - 1);
    }
    expect(await c.call('auth.login', { username: 'ada', password: adminPassword })).toMatchObject({ ok: true });
    await Promise.all(flood);

    // A minute later the budget is back: unknown names are checked (and refused as wrong) again.
    core.clock.advance(signInBudgetPolicy.windowMs);
    expect(errorKey(await c.call('auth.login', { username: 'someone', password: 'still not it' }))).toBe('auth.wrongCredentials');
  });

  it('keeps the per-name lockout: five wrong passwords lock that name for a minute, flood or not', async () => {
    const core = testCore();
    await signedInAdmin(core);
    const c = client(core);
    for (let i = 0; i < 5; i++) await c.call('auth.login', { username: 'ada', password: 'wrong' });
    expect(errorKey(await c.call('auth.login', { username: 'ada', password: adminPassword }))).toBe('auth.tooManyWrong');
    core.clock.advance(60_000);
    expect(await c.call('auth.login', { username: 'ada', password: adminPassword })).toMatchObject({ ok: true });
  });
});
