import { describe, expect, it } from 'vitest';
import { ApiError, messageText, type Envelope } from '../../src/contract';
import { createCore } from '../../src/core';
import { adminPassword, client, signedInAdmin, tempDir, testCore } from '../helpers/core';

describe('first run and sign-in', () => {
  it('requires setup until the first admin exists, then never again', async () => {
    const core = testCore();
    const c = client(core);
    expect(await c.ok('auth.status', {})).toMatchObject({ setupRequired: true, session: null });
    const session = await c.ok('auth.setup', { username: 'Ada', displayName: 'Ada Admin', password: adminPassword });
    expect(session).toMatchObject({ username: 'ada', role: 'admin', locked: false });
    expect(await c.ok('auth.status', {})).toMatchObject({ setupRequired: false, session: { username: 'ada' } });

    const other = client(core);
    const again = await other.call('auth.setup', { username: 'eve', displayName: 'Eve', password: adminPassword });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('rejects a wrong password without saying which part was wrong, and audits it', async () => {
    const core = testCore();
    await signedInAdmin(core);
    const c = client(core);
    for (const [username, password] of [
      ['ada', 'wrong password'],
      ['nobody', adminPassword],
    ]) {
      expect(await c.call('auth.login', { username, password })).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Wrong user name or password.', key: 'auth.wrongCredentials' },
      });
    }
    expect(core.audit.list({ limit: 10 }).items.filter((e) => e.action === 'auth.login_failed')).toHaveLength(2);
  });

  it('stops guessing after five wrong passwords for a user name', async () => {
    const core = testCore();
    await signedInAdmin(core);
    const c = client(core);
    for (let i = 0; i < 5; i++) await c.call('auth.login', { username: 'ada', password: 'wrong password' });
    const blocked = await c.call('auth.login', { username: 'ada', password: adminPassword });
    expect(blocked).toMatchObject({ ok: false, error: { message: /Too many wrong passwords/ } });
    core.clock.advance(61_000);
    expect(await c.call('auth.login', { username: 'ada', password: adminPassword })).toMatchObject({ ok: true });
  });

  it('stores only a scrypt hash of the password', async () => {
    const core = testCore();
    await signedInAdmin(core);
    const hash = core.db.prepare('SELECT password_hash FROM staff').pluck().get() as string;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain(adminPassword);
  });
});

describe('the contract boundary', () => {
  it('names the field at fault and changes nothing on invalid input', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    const result = await c.call('recipients.create', { firstName: 'Ann', lastName: '', unit: '1' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Enter last name.', field: 'lastName', key: 'validation.enter.lastName' },
    });
    const wrongType = await c.call('recipients.create', { firstName: 'Ann', lastName: 'Lee', unit: 7 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'unit' } });
    expect(wrongType.ok || wrongType.error.message).not.toMatch(/\n\s+at /);
    expect((await c.ok('recipients.search', { query: '' })).items).toEqual([]);
  });

  it('refuses unknown methods and calls without a session', async () => {
    const core = testCore();
    const c = client(core);
    expect(await c.call('db.exec', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await c.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await c.call('recipients.search', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps admin-only methods from staff accounts', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    await admin.ok('staff.create', { username: 'desk', displayName: 'Desk', role: 'staff', password: adminPassword });
    const staff = client(core);
    await staff.ok('auth.login', { username: 'desk', password: adminPassword });
    expect(await staff.call('settings.update', { idleLockMinutes: 60 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await staff.call('staff.create', { username: 'x2x', displayName: 'X', role: 'admin', password: adminPassword })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await staff.call('recipients.search', {})).toMatchObject({ ok: true });
  });

  it('reports an internal failure in plain words without details', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    core.db.exec('DROP TABLE recipients_fts');
    const result = await c.call('recipients.create', { firstName: 'A', lastName: 'B', unit: '1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: /Nothing was changed/ } });
  });
});

describe('idle auto-lock', () => {
  it('locks a session idle longer than the setting and unlocks only with the password', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    await c.ok('settings.update', { idleLockMinutes: 2 });
    core.clock.advance(119_000);
    expect(await c.call('recipients.search', {})).toMatchObject({ ok: true });
    core.clock.advance(121_000);
    expect(await c.call('recipients.search', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await c.ok('auth.status', {})).toMatchObject({ session: { locked: true } });
    expect(await c.call('auth.unlock', { password: 'nope nope nope' })).toMatchObject({ ok: false, error: { field: 'password' } });
    expect(await c.ok('auth.unlock', { password: adminPassword })).toMatchObject({ locked: false });
    expect(await c.call('recipients.search', {})).toMatchObject({ ok: true });
    const actions = core.audit.list({ limit: 20 }).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.lock', 'auth.unlock_failed', 'auth.unlock']));
  });

  it('honours PACKROOM_IDLE_LOCK_MINUTES and refuses to change a pinned setting', async () => {
    const core = testCore({ env: { PACKROOM_IDLE_LOCK_MINUTES: '15' } });
    const c = await signedInAdmin(core);
    expect(await c.ok('settings.get', {})).toMatchObject({ idleLockMinutes: 15, lockedByEnvironment: ['idleLockMinutes'] });
    expect(await c.call('settings.update', { idleLockMinutes: 3 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'idleLockMinutes' },
    });
  });

  it('reports a bad PACKROOM_* value at start-up, naming the variable', () => {
    expect(() => createCore({ dataDir: tempDir(), env: { PACKROOM_IDLE_LOCK_MINUTES: 'ten' } })).toThrow(/PACKROOM_IDLE_LOCK_MINUTES=ten/);
  });
});

describe('recipients', () => {
  it('adds, edits, deactivates and reactivates, auditing each change with who and what', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    const r = await c.ok('recipients.create', {
      firstName: 'Ann',
      lastName: 'Lee',
      unit: '4B',
      email: 'ANN@example.com',
      phone: '(415) 555-0123',
    });
    expect(r).toMatchObject({ email: 'ann@example.com', phone: '+14155550123', status: 'active' });

    await c.ok('recipients.update', { id: r.id, firstName: 'Ann', lastName: 'Lee-Park', unit: '4B', email: 'ann@example.com', phone: '' });
    await c.ok('recipients.setStatus', { id: r.id, status: 'inactive' });
    expect((await c.ok('recipients.search', { query: 'lee' })).items).toEqual([]);
    expect((await c.ok('recipients.search', { query: 'lee', status: 'inactive' })).items).toHaveLength(1);
    await c.ok('recipients.setStatus', { id: r.id, status: 'active' });

    const history = (await c.ok('activity.list', { recipientId: r.id })).items.filter((e) => e.action.startsWith('recipient.'));
    expect(history.map((e) => e.action)).toEqual(['recipient.reactivate', 'recipient.deactivate', 'recipient.update', 'recipient.create']);
    expect(history[2]).toMatchObject({
      actor: 'ada',
      details: { lastName: { from: 'Lee', to: 'Lee-Park' }, phone: { from: '+14155550123', to: null } },
    });
  });

  it('rejects a phone number it cannot read, naming the field', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    const result = await c.call('recipients.create', { firstName: 'A', lastName: 'B', unit: '1', phone: '12' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'phone' } });
  });

  it('finds recipients by any prefix of first name, last name or unit, ignoring accents and case', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    await c.ok('recipients.create', { firstName: 'José', lastName: 'Núñez', unit: '12B' });
    await c.ok('recipients.create', { firstName: 'Ann', lastName: 'Lee', unit: '3' });
    const names = async (query: string) => (await c.ok('recipients.search', { query })).items.map((r) => r.lastName);
    expect(await names('nun')).toEqual(['Núñez']);
    expect(await names('JOSE')).toEqual(['Núñez']);
    expect(await names('12')).toEqual(['Núñez']);
    expect(await names('ann l')).toEqual(['Lee']);
    expect(await names('')).toEqual(['Lee', 'Núñez']);
  });

  it('pages results and says when there are more', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    for (let i = 0; i < 5; i++) await c.ok('recipients.create', { firstName: `P${i}`, lastName: 'Same', unit: `${i}` });
    const page = await c.ok('recipients.search', { query: 'same', limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.more).toBe(true);
    const rest = await c.ok('recipients.search', { query: 'same', limit: 3, offset: 3 });
    expect(rest).toMatchObject({ more: false });
    expect(rest.items).toHaveLength(2);
  });
});

describe('staff accounts', () => {
  it('never deactivates the last active admin', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    const other = await c.ok('staff.create', { username: 'bob', displayName: 'Bob', role: 'admin', password: adminPassword });
    const bob = client(core);
    await bob.ok('auth.login', { username: 'bob', password: adminPassword });
    await bob.ok('staff.setActive', { id: 1, active: false });
    expect(await bob.call('staff.setActive', { id: other.id, active: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Ada's session ended when her account was deactivated.
    expect(await c.call('recipients.search', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('staff passwords', () => {
  const newPassword = 'a brand new password';

  it('changes your own with the current one, ends your other sessions but not this one, and audits it', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    const other = client(core);
    await other.ok('auth.login', { username: 'ada', password: adminPassword });
    expect(await admin.call('account.changePassword', { currentPassword: 'not my password', newPassword })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'currentPassword', message: 'Wrong password.' },
    });
    expect(await admin.call('account.changePassword', { currentPassword: adminPassword, newPassword: adminPassword })).toMatchObject({
      ok: false,
      error: { field: 'newPassword', key: 'validation.passwordUnchanged' },
    });
    expect(await admin.call('account.changePassword', { currentPassword: adminPassword, newPassword: 'short' })).toMatchObject({
      ok: false,
      error: { field: 'newPassword', key: 'validation.passwordTooShort' },
    });
    await admin.ok('account.changePassword', { currentPassword: adminPassword, newPassword });
    expect(await admin.call('recipients.search', {})).toMatchObject({ ok: true });
    expect(await other.call('recipients.search', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await client(core).call('auth.login', { username: 'ada', password: adminPassword })).toMatchObject({ ok: false });
    await client(core).ok('auth.login', { username: 'ada', password: newPassword });
    expect(core.audit.list({ limit: 10 }).items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['staff.password', 'staff.password_failed']),
    );
  });

  it('an admin resets another: audited, their sessions end, and they must choose a new one before anything else', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    const bob = await admin.ok('staff.create', { username: 'bob', displayName: 'Bob', role: 'staff', password: adminPassword });
    const bobs = client(core);
    await bobs.ok('auth.login', { username: 'bob', password: adminPassword });
    expect(await admin.call('staff.resetPassword', { id: 1, password: 'temporary password 1' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'staff.cannotResetSelf' },
    });
    await admin.ok('staff.resetPassword', { id: bob.id, password: 'temporary password 1' });
    expect(core.audit.list({ limit: 1 }).items[0]).toMatchObject({
      actor: 'ada',
      action: 'staff.password_reset',
      subject: `staff:${bob.id}`,
    });
    expect(await bobs.call('recipients.search', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    expect(await bobs.ok('auth.login', { username: 'bob', password: 'temporary password 1' })).toMatchObject({ mustChangePassword: true });
    expect(await bobs.ok('auth.status', {})).toMatchObject({ session: { mustChangePassword: true } });
    expect(await bobs.call('recipients.search', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', key: 'request.passwordChangeRequired' },
    });
    expect(await bobs.ok('account.changePassword', { currentPassword: 'temporary password 1', newPassword })).toMatchObject({
      mustChangePassword: false,
    });
    expect(await bobs.call('recipients.search', {})).toMatchObject({ ok: true });
  });
});

describe('refusals on a Spanish screen', () => {
  /** What a screen makes of a refused call that crossed a transport: the English, and the sentence in Spanish. */
  function refusal(envelope: Envelope) {
    if (envelope.ok) throw new Error('the call was not refused');
    const received = ApiError.fromBody(JSON.parse(JSON.stringify(envelope.error)) as typeof envelope.error);
    return {
      key: received.key,
      field: received.field,
      en: received.message,
      es: received.sentence && messageText(received.sentence, 'es'),
    };
  }

  it('carry the sentence, so the screen can say in Spanish what is wrong with the form and the request', async () => {
    const core = testCore({ env: { PACKROOM_IDLE_LOCK_MINUTES: '15' } });
    const c = await signedInAdmin(core);
    expect(refusal(await c.call('recipients.create', { firstName: 'Ann', lastName: '', unit: '1' }))).toEqual({
      key: 'validation.enter.lastName',
      field: 'lastName',
      en: 'Enter last name.',
      es: 'Escriba los apellidos.',
    });
    expect(refusal(await c.call('recipients.create', { firstName: 'Ann', lastName: 'Lee', unit: 'x'.repeat(21) }))).toMatchObject({
      field: 'unit',
      en: 'Unit is too long (at most 20 characters).',
      es: 'El campo «Unidad» es demasiado largo (como máximo 20 caracteres).',
    });
    expect(refusal(await c.call('recipients.create', { firstName: 'Ann', lastName: 'Lee', unit: '1', phone: '555' }))).toEqual({
      key: 'recipients.invalidPhone',
      field: 'phone',
      en: '"555" is not a valid phone number. Include the area code, e.g. (415) 555-0123 or +44 20 7946 0958.',
      es: '«555» no es un número de teléfono válido. Incluya el código de área, p. ej. (415) 555-0123 o +44 20 7946 0958.',
    });
    expect(refusal(await c.call('settings.update', { idleLockMinutes: 3 }))).toMatchObject({
      en: 'This setting is fixed by PACKROOM_IDLE_LOCK_MINUTES on this computer; change it there.',
      es: 'Este ajuste lo fija PACKROOM_IDLE_LOCK_MINUTES en este equipo; cámbielo allí.',
    });
    expect(refusal(await c.call('settings.update', { doorPulseSeconds: 0 }))).toMatchObject({
      field: 'doorPulseSeconds',
      en: 'Door open time (seconds) must be between 1 and 30.',
      es: 'El campo «Tiempo de apertura (segundos)» debe estar entre 1 y 30.',
    });
    expect(refusal(await c.call('staff.setActive', { id: 1, active: false }))).toMatchObject({
      en: 'You cannot deactivate your own account.',
      es: 'No puede desactivar su propia cuenta.',
    });
    expect(refusal(await c.call('access.lookupPin', { recipientId: 99, identityVerified: true }))).toMatchObject({
      en: 'That recipient no longer exists. Search again.',
      es: 'Ese destinatario ya no existe. Vuelva a buscar.',
    });
    expect(refusal(await client(core).call('auth.login', { username: 'ada', password: 'wrong password' }))).toMatchObject({
      en: 'Wrong user name or password.',
      es: 'El nombre de usuario o la contraseña no son correctos.',
    });
  });
});
