import { describe, expect, it } from 'vitest';
import { diffRoster, exceedsSafetyThreshold, type DiffOptions } from '../../../src/domain/roster/diff';
import type { ExistingRecipient, ImportedRecipient, ParsedRow } from '../../../src/domain/roster/types';
import { TODAY, asExisting, csvBytes, fixtureText, importBytes, importFixture, inEnglish } from './helpers';

const importWins: DiffOptions = { today: TODAY, manualPolicy: 'import-wins' };
const keepManual: DiffOptions = { today: TODAY, manualPolicy: 'keep-manual' };

function imported(externalId: string, fields: Partial<ImportedRecipient> = {}): ImportedRecipient {
  return {
    line: 2,
    externalId,
    externalIdDerived: false,
    firstName: 'Ann',
    lastName: 'Lee',
    unit: '101',
    status: 'active',
    email: 'ann@example.com',
    phone: '+12125550101',
    moveIn: '2024-01-01',
    moveOut: null,
    ...fields,
  };
}

function existing(externalId: string | null, fields: Partial<ExistingRecipient> = {}): ExistingRecipient {
  return {
    externalId,
    firstName: 'Ann',
    lastName: 'Lee',
    unit: '101',
    status: 'active',
    email: 'ann@example.com',
    phone: '+12125550101',
    moveIn: '2024-01-01',
    moveOut: null,
    language: null,
    manuallyEdited: false,
    ...fields,
  };
}

const row = (recipient: ImportedRecipient): ParsedRow => ({ line: recipient.line, ok: true, recipient });

describe('diffRoster: round trip through a fixture', () => {
  it.each([
    ['yardi', 'yardi-tenant-directory.csv'],
    ['onesite', 'onesite-resident-directory.csv'],
    ['entrata', 'entrata-resident-contacts.csv'],
    ['salesforce', 'salesforce-contacts.csv'],
    ['generic', 'generic-residents.csv'],
  ] as const)('re-importing the same %s file changes nothing', async (preset, fixture) => {
    const { rows } = await importFixture(fixture, preset);
    const diff = diffRoster(asExisting(rows), rows, importWins);
    expect(diff).toMatchObject({ added: [], changed: [], movedOut: [], reactivated: [], errors: [], unchanged: 10 });
  });

  it('shows exactly an edited phone and a removed resident', async () => {
    const fixture = 'yardi-tenant-directory.csv';
    const first = await importFixture(fixture, 'yardi');
    const edited = fixtureText(fixture)
      .replace('(212) 555-0101', '646-555-0199')
      .replace(/^hbr,204,t0001009,.*\n/m, '');
    const second = await importBytes(csvBytes(edited), fixture, 'yardi');

    const diff = diffRoster(asExisting(first.rows), second.rows, importWins);

    expect(diff.changed).toEqual([
      {
        externalId: 't0001001',
        line: 2,
        changes: [{ field: 'phone', from: '+12125550101', to: '+16465550199', applied: true }],
        conflict: false,
      },
    ]);
    expect(diff.movedOut).toEqual([
      {
        externalId: 't0001009',
        line: null,
        changes: [{ field: 'status', from: 'active', to: 'inactive', applied: true }],
        conflict: false,
        reason: 'missing-from-file',
      },
    ]);
    expect(diff).toMatchObject({ added: [], reactivated: [], errors: [], unchanged: 8, skippedInactive: 0 });
    expect(diff.safety).toEqual({ activeBefore: 9, wouldDeactivate: 1, share: 1 / 9 });
  });
});

describe('diffRoster: who comes and goes', () => {
  it('adds new active residents with every field filled in', () => {
    const diff = diffRoster([], [row(imported('N1', { line: 5, email: undefined }))], importWins);
    expect(diff.added).toEqual([
      {
        externalId: 'N1',
        line: 5,
        firstName: 'Ann',
        lastName: 'Lee',
        unit: '101',
        email: null,
        phone: '+12125550101',
        status: 'active',
        moveIn: '2024-01-01',
        moveOut: null,
        language: null,
      },
    ]);
  });

  it('does not add former residents it never knew', () => {
    const rows = [row(imported('P1', { status: 'inactive' })), row(imported('P2', { moveOut: '2025-05-31' }))];
    expect(diffRoster([], rows, importWins)).toMatchObject({ added: [], skippedInactive: 2 });
  });

  it('moves out residents marked inactive, past their move-out date, or missing', () => {
    const before = ['A', 'B', 'C', 'D', 'E'].map((id) => existing(id));
    const rows = [
      row(imported('A', { status: 'inactive' })),
      row(imported('B', { moveOut: '2025-05-31' })),
      row(imported('D', { moveOut: TODAY })),
      row(imported('E', { moveOut: '2025-07-31' })),
    ];
    const diff = diffRoster(before, rows, importWins);
    expect(diff.movedOut.map((entry) => [entry.externalId, entry.reason])).toEqual([
      ['A', 'inactive-in-file'],
      ['B', 'move-out-date-passed'],
      ['C', 'missing-from-file'],
    ]);
    expect(diff.movedOut[1]?.changes).toEqual([
      { field: 'status', from: 'active', to: 'inactive', applied: true },
      { field: 'moveOut', from: null, to: '2025-05-31', applied: true },
    ]);
    // Moving out today or later: still here, only the date is news.
    expect(diff.changed.map((entry) => [entry.externalId, entry.changes.map((change) => change.field)])).toEqual([
      ['D', ['moveOut']],
      ['E', ['moveOut']],
    ]);
  });

  it('reactivates inactive recipients who are back', () => {
    const diff = diffRoster(
      [existing('R', { status: 'inactive', moveOut: '2024-12-31' })],
      [row(imported('R', { moveIn: '2025-05-01' }))],
      importWins,
    );
    expect(diff.reactivated).toEqual([
      {
        externalId: 'R',
        line: 2,
        changes: [
          { field: 'status', from: 'inactive', to: 'active', applied: true },
          { field: 'moveIn', from: '2024-01-01', to: '2025-05-01', applied: true },
          { field: 'moveOut', from: '2024-12-31', to: null, applied: true },
        ],
        conflict: false,
      },
    ]);
  });

  it('leaves alone fields the file has no column for', () => {
    const rows = [row(imported('A', { email: undefined, phone: undefined, moveIn: undefined, moveOut: undefined }))];
    expect(diffRoster([existing('A')], rows, importWins)).toMatchObject({ changed: [], unchanged: 1 });
  });

  it('never touches recipients created by hand in Packroom', () => {
    const diff = diffRoster([existing(null), existing('A')], [row(imported('A'))], importWins);
    expect(diff).toMatchObject({ movedOut: [], unchanged: 1, safety: { activeBefore: 1, wouldDeactivate: 0, share: 0 } });
  });
});

describe('diffRoster: rows with errors', () => {
  it('passes on every row error and does not move out a resident whose row is bad', async () => {
    const { rows } = await importFixture('row-errors.csv');
    const before = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7'].map((id) => existing(id));
    const diff = diffRoster(before, rows, importWins);
    // Issue 10: a bad phone, email or date no longer drops the resident; it is left empty with a warning.
    expect(diff.errors.map((error) => error.line)).toEqual([6, 7, 8, 9]);
    expect(diff.warnings.map((warning) => warning.line)).toEqual([3, 4, 5]);
    expect(diff.movedOut).toEqual([]);
  });

  it('reports duplicates among the errors, in line order', async () => {
    const { rows } = await importFixture('duplicates.csv');
    const diff = diffRoster([], rows, importWins);
    expect(inEnglish(diff.errors)).toEqual([
      { line: 4, column: null, reason: 'duplicated row, same as line 2' },
      { line: 6, column: 'Resident ID', reason: 'duplicate ID, first seen on line 3' },
    ]);
    expect(diff.added.map((recipient) => recipient.externalId)).toEqual(['R1', 'R2', 'R3']);
  });
});

describe('diffRoster: recipients edited in Packroom', () => {
  const edited = existing('M', { phone: '+16465550100', manuallyEdited: true });
  const fromFile = [row(imported('M', { phone: '+12125550101' }))];

  it('import-wins applies the file over the manual edit and flags the conflict', () => {
    const diff = diffRoster([edited], fromFile, importWins);
    expect(diff.changed).toEqual([
      { externalId: 'M', line: 2, changes: [{ field: 'phone', from: '+16465550100', to: '+12125550101', applied: true }], conflict: true },
    ]);
  });

  it('keep-manual reports the change but does not apply it', () => {
    const diff = diffRoster([edited], fromFile, keepManual);
    expect(diff.changed).toEqual([
      { externalId: 'M', line: 2, changes: [{ field: 'phone', from: '+16465550100', to: '+12125550101', applied: false }], conflict: true },
    ]);
  });

  it('keep-manual still lets a manually edited resident move out', () => {
    const diff = diffRoster([edited], [row(imported('M', { status: 'inactive' }))], keepManual);
    expect(diff.movedOut).toEqual([
      {
        externalId: 'M',
        line: 2,
        changes: [
          { field: 'phone', from: '+16465550100', to: '+12125550101', applied: false },
          { field: 'status', from: 'active', to: 'inactive', applied: true },
        ],
        conflict: true,
        reason: 'inactive-in-file',
      },
    ]);
  });

  it('keep-manual does not switch back on someone staff switched off', () => {
    const switchedOff = existing('M', { status: 'inactive', manuallyEdited: true });
    const diff = diffRoster([switchedOff], [row(imported('M'))], keepManual);
    expect(diff.reactivated).toEqual([
      { externalId: 'M', line: 2, changes: [{ field: 'status', from: 'inactive', to: 'active', applied: false }], conflict: true },
    ]);
  });

  it('is no conflict when only residency dates change', () => {
    const diff = diffRoster([edited], [row(imported('M', { phone: '+16465550100', moveOut: '2025-08-31' }))], keepManual);
    expect(diff.changed).toEqual([
      { externalId: 'M', line: 2, changes: [{ field: 'moveOut', from: null, to: '2025-08-31', applied: true }], conflict: false },
    ]);
  });
});

describe('safety threshold', () => {
  const tenActive = Array.from({ length: 10 }, (_, i) => existing(`S${i}`));
  const keeping = (count: number) => tenActive.slice(0, count).map((recipient) => row(imported(recipient.externalId ?? '')));

  it('passes at exactly the threshold', () => {
    const diff = diffRoster(tenActive, keeping(8), importWins);
    expect(diff.safety).toEqual({ activeBefore: 10, wouldDeactivate: 2, share: 0.2 });
    expect(exceedsSafetyThreshold(diff, 0.2)).toBe(false);
  });

  it('trips above it', () => {
    const diff = diffRoster(tenActive, keeping(7), importWins);
    expect(diff.safety.share).toBeCloseTo(0.3);
    expect(exceedsSafetyThreshold(diff, 0.2)).toBe(true);
  });

  it('trips when a wrong file would empty the building', () => {
    const diff = diffRoster(tenActive, [], importWins);
    expect(diff.safety).toEqual({ activeBefore: 10, wouldDeactivate: 10, share: 1 });
    expect(exceedsSafetyThreshold(diff, 0.2)).toBe(true);
  });

  it('does not trip on a first import', () => {
    const diff = diffRoster([], keeping(3), importWins);
    expect(diff.safety).toEqual({ activeBefore: 0, wouldDeactivate: 0, share: 0 });
    expect(exceedsSafetyThreshold(diff, 0.2)).toBe(false);
  });
});

describe('diffRoster at scale', () => {
  it('diffs 50,000 rows against 50,000 recipients', () => {
    const size = 50_000;
    const before = Array.from({ length: size }, (_, i) => existing(`X${i}`, { unit: String(i % 900) }));
    const rows: ParsedRow[] = [];
    for (let i = 0; i < size; i += 1) {
      if (i % 100 === 0) continue; // 500 gone
      const phone = i % 100 === 1 ? '+16465550100' : '+12125550101'; // 500 changed
      rows.push(row(imported(`X${i}`, { line: i + 2, unit: String(i % 900), phone })));
    }
    for (let i = 0; i < 500; i += 1) rows.push(row(imported(`NEW${i}`, { line: size + i + 2 })));

    const started = performance.now();
    const diff = diffRoster(before, rows, importWins);
    const elapsed = performance.now() - started;
    console.info(`diffRoster: ${rows.length} rows against ${before.length} recipients in ${elapsed.toFixed(0)} ms`);

    expect(diff.added).toHaveLength(500);
    expect(diff.changed).toHaveLength(500);
    expect(diff.movedOut).toHaveLength(500);
    expect(diff.unchanged).toBe(size - 1000);
    expect(diff.safety.share).toBeCloseTo(0.01);
  });
});
