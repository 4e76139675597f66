import { join } from 'node:path';
import { expectAccessible } from './a11y';
import { callApi, expect, signIn, test } from './fixtures';

/** axe on every screen and dialog: 0 serious or critical violations; the rest are printed. */
const password = 'correct horse battery';
const yardiExport = join(import.meta.dirname, '..', 'fixtures', 'roster', 'yardi-tenant-directory.csv');

test.use({ packroomDevices: 'sim' });
// axe takes a few seconds a screen on a busy machine.
test.describe.configure({ timeout: 240_000 });

test('first run, sign-in and lock screen', async ({ page, packroom }) => {
  await page.goto(packroom.url);
  await expect(page.getByRole('heading', { name: 'Create the first staff account' })).toBeVisible();
  await expectAccessible(page, 'first run');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await expectAccessible(page, 'first run with errors');

  packroom.addUser('ada', password);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to Packroom' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await signIn(page, packroom.url, 'ada', password);
  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Lock Screen' }).click();
  await expect(page.getByRole('heading', { name: 'Screen locked' })).toBeVisible();
  await expectAccessible(page, 'lock screen');
});

test('recipients, their detail view and every access dialog', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const maria = await callApi(page, 'recipients.create', {
    firstName: 'María',
    lastName: 'Gómez',
    unit: '12B',
    email: 'maria@example.com',
    phone: '(415) 555-0123',
  });
  await page.reload();
  await expect(page.getByRole('row', { name: /Gómez, María/ })).toBeVisible();
  await expectAccessible(page, 'Recipients list');

  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await expectAccessible(page, 'Quick Actions menu');
  await page.getByRole('menuitem', { name: 'Add Recipient' }).click();
  await expectAccessible(page, 'Add Recipient');
  await page.getByRole('dialog', { name: 'Add Recipient' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Send Single Access PIN' }).click();
  const generate = page.getByRole('dialog', { name: 'Generate One-Time Access Key' });
  await generate.getByRole('textbox', { name: 'Recipient' }).fill('gom');
  await expect(page.getByRole('option', { name: 'Gómez, María — 12B' })).toBeVisible();
  await expectAccessible(page, 'Generate One-Time Access Key, recipient list');
  await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();
  await generate.getByRole('button', { name: 'Show more options' }).click();
  await expectAccessible(page, 'Generate One-Time Access Key, more options');
  await generate.getByRole('button', { name: 'Access expires' }).click();
  await expectAccessible(page, 'Generate One-Time Access Key, expiry calendar');
  await page.keyboard.press('Escape');
  await generate.getByRole('button', { name: 'Generate' }).click();
  await expect(generate.getByRole('status', { name: 'Single Access PIN' })).toBeVisible();
  await expectAccessible(page, 'Generate One-Time Access Key, PIN issued');
  await generate.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Open Door' }).click();
  await expectAccessible(page, 'Open Door');
  await page.getByRole('dialog', { name: 'Open Door' }).getByRole('button', { name: 'Cancel' }).click();

  await page
    .getByRole('row', { name: /Gómez, María/ })
    .getByRole('button', { name: 'View' })
    .click();
  await expect(page.getByRole('heading', { name: 'María Gómez' })).toBeVisible();
  await expectAccessible(page, 'Recipient Detail View');
  await page.getByRole('button', { name: 'Access options' }).click();
  await expectAccessible(page, 'Access menu');
  await page.getByRole('menuitem', { name: 'Look up PIN' }).click();
  await expectAccessible(page, 'Look up PIN');
  const lookup = page.getByRole('dialog', { name: 'Look up PIN' });
  await lookup.getByRole('checkbox').check();
  await lookup.getByRole('button', { name: 'Show PIN' }).click();
  await expect(lookup.getByRole('status')).toBeVisible();
  await expectAccessible(page, 'Look up PIN, shown');
  await lookup.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Access options' }).click();
  await page.getByRole('menuitem', { name: 'Regenerate PIN and QR code' }).click();
  await expectAccessible(page, 'Regenerate PIN and QR code');
  await page.getByRole('dialog', { name: 'Regenerate PIN and QR code' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Deactivate' }).click();
  await expectAccessible(page, 'Deactivate this recipient?');
  await page.getByRole('dialog', { name: 'Deactivate this recipient?' }).getByRole('button', { name: 'Cancel' }).click();

  await packroom.sim.pressKeys('99999999#');
  await expect(page.getByRole('status', { name: 'Door stayed closed' })).toBeVisible();
  await expectAccessible(page, 'door event toast');
  for (let attempt = 0; attempt < 5; attempt++) await packroom.sim.pressKeys('20481937#');
  await page.getByRole('button', { name: 'Alerts' }).click();
  await expect(page.getByRole('list', { name: 'Open alerts' }).getByRole('listitem')).not.toHaveCount(0);
  await expectAccessible(page, 'Alerts');
  expect(maria.id).toBeGreaterThan(0);
});

test('Activity, Settings and each section, My account, Import and its preview', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByRole('table', { name: 'Activity' }).getByText('Signed in').first()).toBeVisible();
  await expectAccessible(page, 'Activity');

  await page.getByRole('tab', { name: 'Settings' }).click();
  for (const section of ['My account', 'Site', 'Door', 'Notifications', 'Staff accounts']) {
    await expect(page.getByRole('region', { name: section })).toBeVisible();
  }
  await expectAccessible(page, 'Settings (every section)');
  await page.getByRole('region', { name: 'Site' }).getByRole('button', { name: 'Save site settings' }).click();
  await expect(page.getByRole('region', { name: 'Site' }).getByRole('status')).toHaveText('Settings saved.');
  await expectAccessible(page, 'Settings, saved');
  await page.getByRole('button', { name: 'Add staff account' }).click();
  await expectAccessible(page, 'Add staff account');
  await page.getByRole('dialog', { name: 'Add staff account' }).getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Account: ada' }).click();
  await page.getByRole('menuitem', { name: 'My account' }).click();
  await expectAccessible(page, 'My account');
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  await expectAccessible(page, 'Import');
  const importFile = page.getByRole('region', { name: 'Import a file' });
  await importFile.locator('input[type=file]').setInputFiles(yardiExport);
  await importFile.getByRole('textbox', { name: 'Exported from' }).click();
  await page.getByRole('option', { name: 'Yardi Voyager' }).click();
  await importFile.getByRole('button', { name: 'Preview import' }).click();
  await expect(page.getByRole('group', { name: 'New: 8' })).toBeVisible();
  await page.getByRole('button', { name: 'New (8)' }).click();
  await expectAccessible(page, 'Import preview');
});

test('the door simulator page', async ({ page, packroom }) => {
  await page.goto(`${packroom.url}/sim`);
  await expect(page.getByRole('heading', { name: 'Door simulator' })).toBeVisible();
  await packroom.sim.pressKeys('12345678#');
  await expectAccessible(page, 'simulator');
});
