import { describe, expect, it } from 'vitest';
import { detectColumns } from '../../../src/domain/roster/columns';
import { diffRoster } from '../../../src/domain/roster/diff';
import { normalizeTable } from '../../../src/domain/roster/normalize';
import type { ExistingRecipient } from '../../../src/domain/roster/types';
import { parseLanguage } from '../../../src/domain/roster/values';

describe('the Language column', () => {
  it.each(['Language', 'Preferred Language', 'Resident Language', 'LANGUAGE_PREFERENCE', 'Lang', 'Idioma'])(
    'is found under "%s"',
    (header) => {
      expect(detectColumns(['Unit', 'Name', header]).language).toBe(2);
    },
  );

  it.each([
    ['es', 'es'],
    ['es-MX', 'es'],
    ['Spanish', 'es'],
    ['Español', 'es'],
    ['espanol', 'es'],
    ['EN', 'en'],
    ['en_US', 'en'],
    ['English', 'en'],
    ['Inglés', 'en'],
  ])('reads "%s" as %s', (text, language) => {
    expect(parseLanguage(text)).toEqual({ value: language });
  });

  it('gives a language Packroom has no messages in the site language instead of refusing the resident', () => {
    expect(parseLanguage('Klingon')).toEqual({ value: null });
    expect(parseLanguage('fr-CA')).toEqual({ value: null });
  });

  it('sets, changes and leaves alone the language through the diff', () => {
    const table = {
      headers: ['Resident ID', 'First Name', 'Last Name', 'Unit', 'Preferred Language'],
      rows: [
        { line: 2, cells: ['R1', 'Ana', 'Ruiz', '1A', 'Spanish'] },
        { line: 3, cells: ['R2', 'Ben', 'Ode', '2B', 'English'] },
      ],
    };
    const rows = normalizeTable(table, detectColumns(table.headers));
    const existing: ExistingRecipient = {
      externalId: 'R2',
      firstName: 'Ben',
      lastName: 'Ode',
      unit: '2B',
      email: null,
      phone: null,
      status: 'active',
      moveIn: null,
      moveOut: null,
      language: 'es',
      manuallyEdited: false,
    };
    const diff = diffRoster([existing], rows, { today: '2026-01-01', manualPolicy: 'keep-manual' });
    expect(diff.added).toMatchObject([{ externalId: 'R1', language: 'es' }]);
    expect(diff.changed).toMatchObject([{ externalId: 'R2', changes: [{ field: 'language', from: 'es', to: 'en', applied: true }] }]);

    // Without the column, the language Packroom has stays as it is.
    const noColumn = normalizeTable(
      { headers: table.headers.slice(0, 4), rows: [{ line: 2, cells: ['R2', 'Ben', 'Ode', '2B'] }] },
      {
        externalId: 0,
        firstName: 1,
        lastName: 2,
        unit: 3,
      },
    );
    expect(diffRoster([existing], noColumn, { today: '2026-01-01', manualPolicy: 'keep-manual' }).unchanged).toBe(1);
  });
});
