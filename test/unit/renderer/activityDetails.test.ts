import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/contract';
import { describeDetails } from '../../../renderer/activity/describe';
import { i18n } from '../../../renderer/i18n';

const entry = (details: Record<string, unknown>): AuditEntry => ({
  id: 1,
  at: '2026-12-01T10:00:00.000Z',
  actor: 'ada',
  actorStaffId: 1,
  action: 'door.lockout_reset',
  subject: null,
  details,
  kind: 'door',
  actorKind: 'staff',
  actorName: 'Ada Admin',
  recipientId: null,
  subjectLabel: null,
  node: null,
});

describe('Activity details', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it("read in the screen's language: labels, yes/no, word values and times", () => {
    const details = { reason: 'Kids at the keypad', identityVerified: true, via: 'qr', unit: { from: '4A', to: null } };
    expect(describeDetails(entry(details))).toBe('Reason: Kids at the keypad; Identity verified: Yes; Via: QR code; Unit: 4A → —');
    void i18n.changeLanguage('es');
    expect(describeDetails(entry(details))).toBe('Motivo: Kids at the keypad; Identidad verificada: Sí; Por: Código QR; Unidad: 4A → —');
    expect(describeDetails(entry({ lockedUntil: '2026-12-01T10:05:00.000Z' }))).toBe(
      `Bloqueado hasta: ${new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-12-01T10:05:00.000Z'))}`,
    );
  });

  it("name devices, channels and credentials in the screen's language, and a door reason from its sentence key", () => {
    void i18n.changeLanguage('es');
    const door = { device: 'keypad', via: 'pin', reason: 'Unknown PIN', reasonKey: 'door.reason.unknownPin' };
    expect(describeDetails(entry(door))).toBe('Dispositivo: Teclado de la puerta; Por: PIN; Motivo: PIN desconocido');
    expect(describeDetails(entry({ notified: ['email', 'sms'], credential: 'single-access-pin', packageId: 4 }))).toBe(
      'Notificado: Correo electrónico y SMS (texto); Credencial: PIN de acceso único',
    );
  });

  it('show a detail Packroom has no label for under its own name', () => {
    expect(describeDetails(entry({ somethingNew: 3 }))).toBe('somethingNew: 3');
  });
});
