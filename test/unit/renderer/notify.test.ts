import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../../../src/contract';
import { describeDelivery } from '../../../renderer/access/describeAccess';
import { i18n } from '../../../renderer/i18n';
import { describeSent, notifyHint } from '../../../renderer/access/notify';
import { formatPhone } from '../../../renderer/components/phone';

const us = (e164: string) => formatPhone(e164, 'US');

describe('describeSent', () => {
  it('says where the PIN is being sent, a phone number as the site writes it', () => {
    expect(
      describeSent(
        [
          { channel: 'email', destination: 'ana@example.com', ready: true },
          { channel: 'sms', destination: '+14155550123', ready: true },
        ],
        us,
      ),
    ).toBe('Sending by email to ana@example.com and by text to (415) 555-0123.');
  });

  it('says plainly what will not arrive because it is not set up', () => {
    expect(
      describeSent(
        [
          { channel: 'email', destination: 'ana@example.com', ready: true },
          { channel: 'sms', destination: '+14155550123', ready: false },
        ],
        us,
      ),
    ).toBe(
      'Sending by email to ana@example.com. Text messages are not set up, so nothing goes by text: read the PIN to the recipient, or ask an admin to set it up in Settings.',
    );
  });
});

describe('notifyHint', () => {
  it('names the phone number a text goes to as the site writes it, not as it is stored', () => {
    const contact = { email: 'ana@example.com', phone: '+14155550123' };
    expect(notifyHint(contact, 'sms', us)).toContain('(415) 555-0123');
    expect(notifyHint({ ...contact, email: null }, 'sms', us)).toContain('(415) 555-0123');
    expect(notifyHint(contact, 'both', us)).not.toContain('+1415');
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
