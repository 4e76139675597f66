import { describe, expect, it } from 'vitest';
import { normalizeRow } from '../../../src/domain/roster/normalize';
import { knownPhone, parsePhone } from '../../../src/domain/roster/values';

const known = new Set(['+12125550101', '+442079460958', '+19175550105']);

describe('knownPhone', () => {
  it.each([
    ['(212) 555-0101', '+12125550101'],
    ['212.555.0101', '+12125550101'],
    ['1-212-555-0101', '+12125550101'],
    ['+1 212 555 0101', '+12125550101'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('recognises %s as a number Packroom already has', (text, e164) => {
    expect(knownPhone(text, 'US', known)).toBe(e164);
    expect(parsePhone(text, 'US')).toEqual({ value: e164 });
  });

  it.each([
    ['a new number', '(646) 555-0199', 'US'],
    ['an extension', '(212) 555-0101 ext. 2', 'US'],
    ['a national number outside North America', '020 7946 0958', 'GB'],
    ['letters', '212-555-CALL', 'US'],
  ] as const)('leaves %s to full validation', (_what, text, country) => {
    expect(knownPhone(text, country, known)).toBeNull();
  });

  it('gives a row the same phone with or without the shortcut', () => {
    const row = { line: 2, cells: ['R1', 'Ann', 'Lee', '101', '1 (917) 555-0105'] };
    const headers = ['ID', 'First', 'Last', 'Unit', 'Phone'];
    const mapping = { externalId: 0, firstName: 1, lastName: 2, unit: 3, phone: 4 };
    expect(normalizeRow(row, headers, mapping, { knownPhones: known })).toEqual(normalizeRow(row, headers, mapping));
  });
});
