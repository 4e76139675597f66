import { describe, expect, it } from 'vitest';
import { formatExpiry, renderEmail, renderSms, type MessageData } from '../../../src/services/notifications/messages';

// 8:05 PM on Thursday, Nov 26, 2026 in New York.
const EXPIRES = Date.parse('2026-11-27T01:05:00Z');

const single: MessageData = {
  siteName: 'Maple Court',
  template: 'single_access',
  language: 'en',
  firstName: 'Mia',
  kind: 'single',
  pin: '482913',
  qrToken: 'qr-token-abc',
  expiresAt: EXPIRES,
  timeZone: 'America/New_York',
};

const permanent: MessageData = { ...single, template: 'new_pin', kind: 'permanent', expiresAt: null };

describe('formatExpiry', () => {
  it('reads like a person would say it, with plain spaces only', () => {
    const text = formatExpiry(EXPIRES, 'America/New_York');
    expect(text).toBe('Thu, Nov 26, 8:05 PM');
    expect(text).not.toMatch(/[^\x20-\x7e]/);
  });
});

describe('renderSms', () => {
  it('says a Single Access PIN works once and when it expires', () => {
    expect(renderSms(single)).toBe('Maple Court: your one-time PIN is 482913. It works once and expires Thu, Nov 26, 8:05 PM.');
  });

  it('says the PIN was asked for at the keypad', () => {
    expect(renderSms({ ...single, template: 'pin_request' })).toBe(
      'Maple Court: the PIN you asked for is 482913. It works once and expires Thu, Nov 26, 8:05 PM.',
    );
  });

  it('gives a permanent PIN without an expiry or "works once"', () => {
    expect(renderSms(permanent)).toBe('Maple Court: your package room PIN is now 482913.');
  });

  it('carries only what the recipient needs: no QR token', () => {
    expect(renderSms(single)).not.toContain(single.qrToken);
  });
});

describe('renderEmail', () => {
  it('puts the PIN and expiry in both text and HTML and embeds the QR code by cid', async () => {
    const email = await renderEmail(single);
    expect(email.subject).toBe('Your one-time PIN for Maple Court');
    for (const body of [email.text, email.html]) {
      expect(body).toContain('482913');
      expect(body).toContain('Thu, Nov 26, 8:05 PM');
      expect(body).toContain('works once');
    }
    const [qr] = email.attachments;
    expect(email.attachments).toHaveLength(1);
    expect(qr!.contentType).toBe('image/png');
    expect(qr!.content.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(email.html).toContain(`src="cid:${qr!.cid}"`);
    expect(email.text).not.toContain(single.qrToken);
    expect(email.html).not.toContain(single.qrToken);
  });

  it('escapes HTML in names and the site name', async () => {
    const email = await renderEmail({ ...single, firstName: '<script>alert(1)</script>', siteName: 'Tom & Jerry\'s "Lofts"' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(email.html).toContain('Tom &amp; Jerry&#39;s &quot;Lofts&quot;');
    expect(email.text).toContain('Hi <script>alert(1)</script>,');
  });

  it('words each template for its occasion', async () => {
    expect((await renderEmail({ ...single, template: 'pin_request' })).text).toContain('you asked for at the package room keypad');
    const renewed = await renderEmail(permanent);
    expect(renewed.subject).toBe('Your PIN for Maple Court');
    expect(renewed.text).toContain('It replaces any PIN you had before.');
    expect(renewed.text).not.toMatch(/expires|works once/);
  });
});

describe('in the recipient language', () => {
  const spanish: MessageData = { ...single, language: 'es' };

  it('writes the SMS in Spanish with the expiry in Spanish, in GSM-7 letters only', () => {
    expect(renderSms(spanish)).toBe('Maple Court: su PIN de un solo uso es 482913. Sirve una sola vez y vence el jue, 26 nov, 20:05.');
    // A Saturday: ICU writes "sáb", and á is not in GSM-7.
    expect(formatExpiry(Date.parse('2026-11-29T01:05:00Z'), 'America/New_York', 'es')).toBe('sab, 28 nov, 20:05');
  });

  it('writes the email subject and body in Spanish', async () => {
    const email = await renderEmail(spanish);
    expect(email.subject).toBe('Su PIN de un solo uso para Maple Court');
    expect(email.text).toContain('Hola, Mia:');
    expect(email.text).toContain('PIN: 482913');
    expect(email.html).toContain('<html lang="es">');
    expect(email.html).toContain('alt="Código QR para la puerta de la sala de paquetes"');
  });
});
