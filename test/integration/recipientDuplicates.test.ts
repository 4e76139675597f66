import { describe, expect, it } from 'vitest';
import { ApiError, duplicateOf, messageText, type ApiErrorBody, type Recipient } from '../../src/contract';
import { signedInAdmin, testCore } from '../helpers/core';

/** Adding a recipient who is already there asks first (issue 19, data item 8). */

async function desk() {
  const core = testCore();
  const admin = await signedInAdmin(core);
  const ruth = await admin.ok('recipients.create', {
    firstName: 'Ruth',
    lastName: "O'Neill",
    unit: '7C',
    phone: '(415) 555-0187',
    email: 'ruth@example.com',
  });
  const count = async () => (await admin.ok('recipients.search', { status: 'all' })).items.length;
  /** The call's refusal as the screen gets it, or the recipient it created. */
  const add = async (input: Record<string, unknown>) => {
    const envelope = await admin.call('recipients.create', input);
    return envelope.ok ? { created: envelope.result as Recipient } : { refused: ApiError.fromBody(envelope.error as ApiErrorBody) };
  };
  return { core, admin, ruth, count, add };
}

describe('adding a recipient who already exists', () => {
  it('is refused with the match for the same name and unit, in any case and any way of writing the unit, and nothing is added', async () => {
    const { ruth, count, add } = await desk();
    const { refused } = await add({ firstName: 'RUTH', lastName: "o'neill", unit: '7-c' });
    expect(refused?.code).toBe('CONFLICT');
    expect(duplicateOf(refused)).toEqual({ id: ruth.id, name: "Ruth O'Neill", unit: '7C', kind: 'name' });
    expect(refused?.message).toBe("Ruth O'Neill, 7C already exists.");
    expect(messageText(refused!.sentence!, 'es')).toBe("Ruth O'Neill, 7C ya existe.");
    expect(await count()).toBe(1);
  });

  it('is refused with the match for the same phone number or email address under another name', async () => {
    const { ruth, count, add } = await desk();
    const byPhone = await add({ firstName: 'Rose', lastName: 'Tyler', unit: '9A', phone: '415.555.0187' });
    expect(duplicateOf(byPhone.refused)).toEqual({ id: ruth.id, name: "Ruth O'Neill", unit: '7C', kind: 'phone' });
    expect(byPhone.refused?.message).toBe("Ruth O'Neill, 7C already has this phone number.");
    const byEmail = await add({ firstName: 'Rose', lastName: 'Tyler', unit: '9A', email: 'Ruth@Example.com' });
    expect(duplicateOf(byEmail.refused)).toEqual({ id: ruth.id, name: "Ruth O'Neill", unit: '7C', kind: 'email' });
    expect(messageText(byEmail.refused!.sentence!, 'es')).toBe("Ruth O'Neill, 7C ya tiene esta dirección de correo electrónico.");
    expect(await count()).toBe(1);
  });

  it('adds the person anyway when the call says so, audited like any other', async () => {
    const { core, ruth, count, add } = await desk();
    const { created } = await add({ firstName: 'Ruth', lastName: "O'Neill", unit: '7C', phone: '(415) 555-0187', addAnyway: true });
    expect(created).toMatchObject({ firstName: 'Ruth', lastName: "O'Neill", unit: '7C', phone: '+14155550187', status: 'active' });
    expect(created!.id).not.toBe(ruth.id);
    expect(await count()).toBe(2);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'recipient.create'").pluck().get()).toBe(2);
  });

  it('does not count inactive recipients, nor people who only share a name in another unit', async () => {
    const { admin, ruth, count, add } = await desk();
    expect((await add({ firstName: 'Ruth', lastName: "O'Neill", unit: '8C' })).created).toBeDefined();
    await admin.ok('recipients.setStatus', { id: ruth.id, status: 'inactive' });
    const { created } = await add({
      firstName: 'Ruth',
      lastName: "O'Neill",
      unit: '7C',
      phone: '(415) 555-0187',
      email: 'ruth@example.com',
    });
    expect(created).toMatchObject({ unit: '7C', status: 'active' });
    expect(await count()).toBe(3);
  });

  it('lets an edit keep its own name, phone and email', async () => {
    const { admin, ruth } = await desk();
    const changed = await admin.ok('recipients.update', {
      id: ruth.id,
      firstName: 'Ruth',
      lastName: "O'Neill",
      unit: '7C',
      email: 'ruth@example.com',
      phone: '(415) 555-0187',
      language: 'es',
    });
    expect(changed.language).toBe('es');
  });
});
