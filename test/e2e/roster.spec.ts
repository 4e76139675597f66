import { join } from 'node:path';
import { callApi, chooseSpanish, expect, signIn, test } from './fixtures';

const password = 'correct horse battery';
const yardiExport = join(import.meta.dirname, '..', 'fixtures', 'roster', 'yardi-tenant-directory.csv');

test('import a Yardi export: preview the changes, apply, find an imported recipient', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await page.getByRole('tab', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();

  const importFile = page.getByRole('region', { name: 'Import a file' });
  await importFile.locator('input[type=file]').setInputFiles(yardiExport);
  await importFile.getByRole('textbox', { name: 'Exported from' }).click();
  await page.getByRole('option', { name: 'Yardi Voyager' }).click();
  await importFile.getByRole('button', { name: 'Preview import' }).click();

  await expect(page.getByRole('heading', { name: 'Columns in yardi-tenant-directory.csv' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Resident ID' })).toHaveValue('Tenant Code');
  await expect(page.getByRole('table', { name: 'First rows of the file' }).getByRole('cell', { name: 'Okafor, Chidi' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'New: 8' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Moved out: 0' })).toBeVisible();
  await page.getByRole('button', { name: 'New (8)' }).click();
  await expect(page.getByRole('table', { name: 'New recipients' }).getByRole('row', { name: /Okafor, Chidi/ })).toContainText(
    '+12125550101',
  );

  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByText('Import applied')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Last imports' }).getByRole('row', { name: /yardi-tenant-directory\.csv/ })).toContainText(
    '8 new',
  );

  await page.getByRole('tab', { name: 'Recipients' }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('okafor');
  const row = page.getByRole('row', { name: /Okafor, Chidi/ });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'View' }).click();
  await expect(page.getByText('Recipient Detail View · Unit 101')).toBeVisible();
});

test('a report-style export: map an unknown status once, unlink a hand-added match, apply', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'Ann', lastName: 'Lee', unit: '102', email: null, phone: null });
  const report = [
    'Resident Directory',
    'As Of = 10/31/2025',
    'Resident ID,Name,Unit,Status,Email',
    'Current Residents',
    'R1,"Okafor, Chidi",101,Sabbatical,chidi@@example.com',
    'R2,"Lee, Ann",102,Current resident,ann@example.com',
    'Total,,2,,',
  ].join('\n');

  await page.getByRole('tab', { name: 'Import' }).click();
  const importFile = page.getByRole('region', { name: 'Import a file' });
  await importFile.locator('input[type=file]').setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(report) });
  await importFile.getByRole('button', { name: 'Preview import' }).click();

  await expect(page.getByText('Header found on line 3; 2 title rows above it skipped.')).toBeVisible();
  const values = page.getByRole('region', { name: 'Status words in this file' });
  await values.getByRole('textbox', { name: '“Sabbatical”' }).click();
  await page.getByRole('option', { name: 'Current resident' }).click();
  await values.getByRole('button', { name: 'Preview again with these meanings' }).click();
  await expect(page.getByRole('group', { name: 'New: 1' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Linked: 1' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Imported without a field: 1' })).toBeVisible();

  await page.getByRole('button', { name: 'Added by hand, linked to the file (1)' }).click();
  await page.getByRole('button', { name: 'Unlink Ann Lee' }).click();
  await expect(page.getByRole('group', { name: 'New: 2' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Linked: 0' })).toBeVisible();

  // Staff who work in Spanish read the core's row warning in Spanish too, not only the screen's own words.
  await chooseSpanish(page, 'ada');
  await page.getByRole('button', { name: 'Importados sin un dato (1)' }).click();
  await expect(page.getByRole('table', { name: 'Residentes importados sin un dato' }).getByRole('row', { name: /^5 / })).toContainText(
    'se importa sin correo electrónico: «chidi@@example.com» no es una dirección válida',
  );

  await page.getByRole('button', { name: 'Aplicar la importación' }).click();
  await expect(page.getByText('Importación aplicada')).toBeVisible();
});
