import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, messageText, type ApiErrorBody, type RosterRowError } from '../../src/contract';
import { errorText, i18n, sentenceText } from '../../renderer/i18n';
import { signedInAdmin, testCore } from '../helpers/core';
import { importRoster, rosterFixture, uploadFile, yardiFile, yardiText } from '../helpers/roster';

/** What a Spanish screen shows for each row problem of a preview. */
const inSpanish = (rows: readonly RosterRowError[]) => rows.map((r) => ({ ...r, reason: messageText(r.reason, 'es') }));

describe('roster import for staff working in Spanish', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it("gives a report-style file's row warnings, row errors and mapping problems as sentences a Spanish screen translates", async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    const report = [
      'Resident Directory',
      'As Of = 10/31/2025',
      'Resident ID,Name,Unit,Status,Email,Mobile',
      'Current Residents',
      'R1,"Okafor, Chidi",101,Current,chidi@@example.com,(212) 555-0101',
      'R2,"Lee, Ann",,Current,ann@example.com,',
      'R3,"Chen, Bo",103,Current,bo@example.com,555-1234',
      'Total,,3,,,',
    ].join('\n');
    const uploadId = await uploadFile(admin, Buffer.from(report), 'directory.csv');

    const dryRun = await admin.ok('roster.dryRun', { uploadId, preset: 'generic' });
    expect(dryRun.layout).toMatchObject({ headerLines: [3], titleRows: 2 });
    expect(inSpanish(dryRun.diff!.warnings)).toEqual([
      { line: 5, column: 'Email', reason: 'se importa sin correo electrónico: «chidi@@example.com» no es una dirección válida' },
      { line: 7, column: 'Mobile', reason: 'se importa sin teléfono: «555-1234» no es un número de teléfono que Packroom pueda usar' },
    ]);
    expect(inSpanish(dryRun.diff!.errors)).toEqual([{ line: 6, column: 'Unit', reason: 'falta la unidad' }]);
    // The same sentences, in English, for the log and the command line.
    expect(messageText(dryRun.diff!.errors[0]!.reason)).toBe('missing unit');

    const withoutUnit = await admin.ok('roster.dryRun', { uploadId, preset: 'generic', mapping: { ...dryRun.mapping, unit: null } });
    expect(withoutUnit.id).toBeNull();
    void i18n.changeLanguage('es');
    expect(withoutUnit.problems.map(sentenceText)).toEqual(['Elija la columna que contiene el número de unidad (apartamento).']);
  });

  it('refuses an apply that would deactivate too many residents with a sentence whose Spanish names the figures', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    await importRoster(core, rosterFixture(yardiFile));
    const truncated = yardiText().split('\n').slice(0, 4).join('\n');
    const uploadId = await uploadFile(admin, Buffer.from(truncated), 'truncated.csv');
    const dryRun = await admin.ok('roster.dryRun', { uploadId, preset: 'yardi' });

    const refused = await admin.call('roster.apply', { dryRunId: dryRun.id! });
    const english =
      'This import would deactivate 5 of 8 active residents (62.5%), more than the limit of 20%. A cut-off or wrong export looks like this. ' +
      'Check the file; if it is right, an admin can confirm the deactivations.';
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        field: 'confirmLargeDeactivation',
        message: english,
        key: 'roster.apply.tooManyDeactivations',
        params: { wouldDeactivate: 5, activeBefore: 8, share: 0.625, limit: 0.2 },
      },
    });

    // What the Import screen shows once the error has crossed the transport as JSON.
    const received = ApiError.fromBody(JSON.parse(JSON.stringify((refused as { error: ApiErrorBody }).error)) as ApiErrorBody);
    void i18n.changeLanguage('es');
    expect(errorText(received)).toBe(
      'Esta importación desactivaría a 5 de 8 residentes activos (62,5\u00a0%), más que el límite del 20\u00a0%. Así se ve una exportación ' +
        'cortada o equivocada. Revise el archivo; si es correcto, un administrador puede confirmar las desactivaciones.',
    );
  });
});
