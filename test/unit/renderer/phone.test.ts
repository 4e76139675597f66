import { describe, expect, it } from 'vitest';
import { formatPhone } from '../../../renderer/components/phone';

/** Phone numbers are shown as people write them in the site's country, stored as E.164 (issue 19 screens item 7). */
describe('formatPhone', () => {
  it('writes a US site’s own numbers the US way, and others with their country code', () => {
    expect(formatPhone('+14155550187', 'US')).toBe('(415) 555-0187');
    // Canada shares +1: dialled and written the same way from the US.
    expect(formatPhone('+14165550187', 'US')).toBe('(416) 555-0187');
    expect(formatPhone('+34612345678', 'US')).toBe('+34 612 34 56 78');
    expect(formatPhone('+442079460000', 'US')).toBe('+44 20 7946 0000');
  });

  it('writes a Spanish site’s own numbers the Spanish way, and a US number with +1', () => {
    expect(formatPhone('+34612345678', 'ES')).toBe('612 34 56 78');
    expect(formatPhone('+34912345678', 'ES')).toBe('912 34 56 78');
    expect(formatPhone('+14155550187', 'ES')).toBe('+1 415 555 0187');
  });

  it('gives every number its country code while the site country is not known, and leaves what it cannot read as stored', () => {
    expect(formatPhone('+14155550187', null)).toBe('+1 415 555 0187');
    expect(formatPhone('+14155550187', 'ZZ')).toBe('+1 415 555 0187');
    expect(formatPhone('not a number', 'US')).toBe('not a number');
  });
});
