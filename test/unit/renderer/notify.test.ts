import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../../../src/contract';
import { describeDelivery } from '../../../renderer/access/describeAccess';
import { i18n } from '../../../renderer/i18n';
import { describeSent } from '../../../renderer/access/notify';

describe('describeSent', () => {
  it('says where the PIN is being sent', () => {
    expect(
      describeSent([
        { channel: 'email', destination: 'ana@example.com', ready: true },
        { channel: 'sms', destination: '+14155550123', ready: true },
      ]),
    ).toBe('Sending by email to ana@example.com and by text to +14155550123.');
  });

  it('says plainly what will not arrive because it is not set up', () => {
    expect(
      describeSent([
        { channel: 'email', destination: 'ana@example.com', ready: true },
        { channel: 'sms', destination: '+14155550123', ready: false },
      ]),
    ).toBe(
      'Sending by email to ana@example.com. Text messages are not set up, so nothing goes by text: read the PIN to the recipient, or ask an admin to set it up in Settings.',
    );
  });
});

describe('describeDelivery', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it("says why a send failed in the screen's language, and an old row's reason as it was written", () => {
    const failed = {
      id: 1,
      channel: 'sms' as const,
      destination: '+14155550123',
      template: 'single_access',
      status: 'failed' as const,
      attempts: 1,
      lastError: message('notification.badPhone'),
      createdAt: '2026-12-01T10:00:00.000Z',
      sentAt: null,
    };
    expect(describeDelivery(failed)).toContain('The phone number is not valid');
    void i18n.changeLanguage('es');
    expect(describeDelivery(failed)).toContain('El número de teléfono no es válido');
    expect(describeDelivery({ ...failed, lastError: message('text', { text: 'Twilio said 21211' }) })).toContain('Twilio said 21211');
  });
});
