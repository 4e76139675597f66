import { describe, expect, it } from 'vitest';
import { messageText } from '../../../src/contract';
import { normalizePhone } from '../../../src/domain/phone';

describe('normalizePhone', () => {
  it.each(['(415) 555-0123', '415.555.0123', '+1 415 555 0123', '4155550123'])('reads %s as a US number', (input) => {
    expect(normalizePhone(input, 'US')).toEqual({ ok: true, e164: '+14155550123' });
  });

  it('reads numbers in the site country', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
  });

  it('explains what is wrong with an invalid number', () => {
    const result = normalizePhone('555', 'US');
    expect(result.ok).toBe(false);
    expect(!result.ok && messageText(result.reason)).toMatch(/not a valid phone number/);
  });
});
