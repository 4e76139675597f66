import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openSettings, signIn, test } from './fixtures';

const password = 'correct horse battery';

test('an admin sets up backups, backs up now, and the header warning goes away', async ({ page, packroom }) => {
  const folder = mkdtempSync(join(tmpdir(), 'packroom-e2e-backups-'));
  try {
    packroom.addUser('ada', password);
    await signIn(page, packroom.url, 'ada', password);
    const header = page.getByRole('banner');
    await expect(header.getByText('Backup', { exact: false })).toContainText('Backups are not set up');

    await openSettings(page, 'Backups');
    const card = page.getByRole('region', { name: 'Backups' });
    await card.getByLabel('Backup folder').fill(folder);
    await card.getByRole('button', { name: 'Save backup settings' }).click();
    await expect(card.getByRole('status')).toHaveText('Saved.');
    await card.getByLabel('Backup passphrase', { exact: true }).fill('maple court basement stick');
    await card.getByLabel('Type it again').fill('maple court basement');
    await expect(card.getByText('The two passphrases are not the same.')).toBeVisible();
    await card.getByLabel('Type it again').fill('maple court basement stick');
    await card.getByRole('button', { name: 'Set backup passphrase' }).click();
    await expect(card.getByText('Passphrase set. Write it down now.')).toBeVisible();

    await card.getByRole('button', { name: 'Back up now' }).click();
    const runs = card.getByRole('table', { name: 'Recent backups' });
    await expect(runs.getByRole('row').nth(1)).toContainText('Back up now');
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^packroom-package-room-[0-9a-f]{12}-\d{8}T\d{6}Z\.sqlite$/)]);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
    await expect(header.getByText('Backup', { exact: false })).toHaveCount(0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('staff export the activity of a date range as CSV with the chain hashes', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await page.getByRole('tab', { name: 'Activity' }).click();
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export activity' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^packroom-activity-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('id,at,actor_staff_id,actor,action,subject,details,previous_hash,hash');
  expect(csv.some((line) => /^\d+,.*,ada,auth\.login,.*,[0-9a-f]{64},[0-9a-f]{64}$/.test(line))).toBe(true);
  await expect(dialog.getByRole('status')).toHaveText(/Exported \d+ entries\./);
});
