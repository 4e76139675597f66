import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../src/domain/search';

describe('toFtsQuery', () => {
  it('makes every word a quoted prefix', () => {
    expect(toFtsQuery('mar gar')).toBe('"mar"* "gar"*');
  });

  it('returns null when there is nothing to search for', () => {
    expect(toFtsQuery('')).toBeNull();
    expect(toFtsQuery('  -*"  ')).toBeNull();
  });

  it('never lets FTS5 syntax typed by a person through', () => {
    expect(toFtsQuery('a" OR "b')).toBe('"a"* "OR"* "b"*');
    expect(toFtsQuery('unit:4B (NEAR)')).toBe('"unit"* "4B"* "NEAR"*');
  });

  it('keeps non-Latin letters and digits', () => {
    expect(toFtsQuery('Ж 12б 王')).toBe('"Ж"* "12б"* "王"*');
  });
});
