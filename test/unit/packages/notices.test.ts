import { describe, expect, it } from 'vitest';
import { planNotice } from '../../../src/domain/packages/notices';
import { carrierSummary, renderPackageEmail, renderPackageSms } from '../../../src/services/notifications/messages';

const minute = 60_000;

describe('package notice batching', () => {
  it('queues the first package’s notice for the end of the window', () => {
    expect(planNotice(null, 1_000, 10 * minute)).toEqual({ kind: 'new', dueAt: 1_000 + 10 * minute });
  });

  it('lets packages logged inside the window join the pending notice', () => {
    const pending = { id: 7, dueAt: 10 * minute };
    expect(planNotice(pending, 3 * minute, 10 * minute)).toEqual({ kind: 'join', id: 7 });
    expect(planNotice(pending, 10 * minute - 1, 10 * minute)).toEqual({ kind: 'join', id: 7 });
  });

  it('starts a new notice once the pending one is due (it may be going out)', () => {
    expect(planNotice({ id: 7, dueAt: 10 * minute }, 10 * minute, 10 * minute)).toEqual({ kind: 'new', dueAt: 20 * minute });
  });

  it('sends each at once with a window of 0', () => {
    expect(planNotice({ id: 7, dueAt: 5 }, 5, 0)).toEqual({ kind: 'new', dueAt: 5 });
  });
});

describe('package notice text', () => {
  const packages = [
    { carrier: 'UPS', tracking: '1Z999AA10123456784', loggedAt: Date.UTC(2026, 10, 26, 14) },
    { carrier: 'Amazon', tracking: 'TBA123456789012', loggedAt: Date.UTC(2026, 10, 26, 15) },
    { carrier: 'UPS', tracking: '1Z999AA10123456791', loggedAt: Date.UTC(2026, 10, 26, 16) },
  ];
  const base = {
    siteName: 'Maple Court',
    template: 'package_notice' as const,
    language: 'en' as const,
    firstName: 'Ann',
    packages,
    timeZone: 'UTC',
  };

  it('counts carriers', () => {
    expect(carrierSummary(packages)).toBe('2 UPS, 1 Amazon');
  });

  it('fits one SMS segment in plain characters, with the PIN', () => {
    const sms = renderPackageSms({ ...base, pin: '48213377', qrToken: 'qr' });
    expect(sms).toBe('Maple Court: 3 packages waiting (2 UPS, 1 Amazon) in the package room. Your PIN: 48213377');
    expect(sms.length).toBeLessThanOrEqual(160);
    expect(sms).toMatch(/^[\x20-\x7e]+$/);
  });

  it('lists every package by email, with the PIN and the QR code inline', async () => {
    const email = await renderPackageEmail({ ...base, pin: '48213377', qrToken: 'qr-token' });
    expect(email.subject).toBe('You have 3 packages at Maple Court');
    expect(email.text).toContain('1Z999AA10123456784');
    expect(email.text).toContain('TBA123456789012');
    expect(email.text).toMatch(/^PIN: 48213377$/m);
    expect(email.html).toContain('cid:door-qr@packroom');
    expect(email.attachments).toHaveLength(1);
  });

  it('leaves the PIN and QR code out when the site turned them off', async () => {
    const email = await renderPackageEmail({ ...base, template: 'package_reminder', pin: null, qrToken: null });
    expect(email.subject).toBe('Reminder: 3 packages are waiting for you at Maple Court');
    expect(email.text).not.toContain('PIN');
    expect(email.attachments).toEqual([]);
    expect(renderPackageSms({ ...base, template: 'package_reminder', pin: null, qrToken: null })).not.toContain('PIN');
  });

  it('goes out in the recipient’s language: a Spanish notice, one plain GSM-7 SMS', async () => {
    const spanish = { ...base, language: 'es' as const, pin: '48213377', qrToken: 'qr-token' };
    expect(renderPackageSms(spanish)).toBe('Maple Court: 3 paquetes lo esperan (2 UPS, 1 Amazon) en la sala de paquetes. Su PIN: 48213377');
    const email = await renderPackageEmail(spanish);
    expect(email.subject).toBe('Tiene 3 paquetes en Maple Court');
    expect(email.text).toContain('Hola, Ann:');
    expect(renderPackageSms({ ...spanish, packages: packages.slice(0, 1), template: 'package_reminder' })).toBe(
      'Maple Court: recordatorio, 1 paquete lo espera (1 UPS) en la sala de paquetes. Su PIN: 48213377',
    );
  });
});
