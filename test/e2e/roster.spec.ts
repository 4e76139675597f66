import { join } from 'node:path';
import { expect, signIn, test } from './fixtures';

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
