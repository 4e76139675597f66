import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './a11y';
import { callApi, expect, openSettings, signIn, test } from './fixtures';

/** axe on every screen and dialog: 0 serious or critical violations; the rest are printed. */
const password = 'correct horse battery';
const yardiExport = join(import.meta.dirname, '..', 'fixtures', 'roster', 'yardi-tenant-directory.csv');

test.use({ packroomDevices: 'sim' });
// axe takes a few seconds a screen on a busy machine, and one test checks up to 23 screens: at a load of 20 on
// two cores the longest got through a third of its screens in 240 s.
test.describe.configure({ timeout: 480_000 });

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

  // Settings shows a section at a time: each checked whole, with the list of sections beside it.
  await page.getByRole('tab', { name: 'Settings' }).click();
  const sections: [string, string[]][] = [
    ['Door', ['Door']],
    ['Notifications', ['Notifications']],
    ['Devices', ['Devices']],
    ['This computer', ['Site', 'This computer']],
    ['Staff', ['My account', 'Staff accounts']],
  ];
  for (const [section, regions] of sections) {
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: section, exact: true }).click();
    for (const region of regions) await expect(page.getByRole('region', { name: region })).toBeVisible();
    await expectAccessible(page, `Settings → ${section}`);
  }
  await openSettings(page, 'This computer');
  await page.getByRole('region', { name: 'Site' }).getByRole('button', { name: 'Save site settings' }).click();
  await expect(page.getByRole('region', { name: 'Site' }).getByRole('status')).toHaveText('Settings saved.');
  await expectAccessible(page, 'Settings, saved');
  await openSettings(page, 'Staff');
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

test('Packages: overview, intake and list, the Edit, Hand over and Return dialogs, and the shelf check', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const maria = await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: '', phone: '' });
  const sam = await callApi(page, 'recipients.create', { firstName: 'Sam', lastName: 'Lee', unit: '4A', email: '', phone: '' });
  await callApi(page, 'packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: maria.id, shelf: 'A3' });
  await callApi(page, 'packages.log', { tracking: 'TBA123456789012', carrier: 'amazon', recipientId: maria.id, perishable: true });
  // Sam moved out: his package is flagged "Return to sender?".
  await callApi(page, 'packages.log', { tracking: '9611020987654312345672', carrier: 'fedex', recipientId: sam.id, shelf: 'B1' });
  await callApi(page, 'recipients.setStatus', { id: sam.id, status: 'inactive' });
  await page.getByRole('tab', { name: 'Packages' }).click();
  const list = page.getByRole('table', { name: 'Package list' });
  await expect(list.getByRole('row')).toHaveCount(4);
  await expect(list.getByText('Return to sender?')).toBeVisible();
  await expect(list.getByText('Perishable')).toBeVisible();
  await expectAccessible(page, 'Packages (overview, intake, list)');

  // A label logged already: the intake form warns before logging it again.
  await page.getByRole('textbox', { name: 'Tracking number' }).fill('1Z999AA10123456784');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Already logged' })).toBeVisible();
  await expectAccessible(page, 'Packages intake, already logged');
  await page.getByRole('button', { name: 'Log package' }).click();
  await expect(page.getByRole('region', { name: 'Log a package' }).locator('[aria-invalid="true"]').first()).toBeVisible();
  await expectAccessible(page, 'Packages intake, not logged');

  await list.getByRole('button', { name: 'Edit 1Z999AA10123456784' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit package' });
  await expect(edit.getByRole('textbox', { name: 'Shelf' })).toHaveValue('A3');
  await expectAccessible(page, 'Edit package');
  await edit.getByRole('button', { name: 'Cancel' }).click();

  await list.getByRole('button', { name: 'Hand over 1Z999AA10123456784' }).click();
  const handOver = page.getByRole('dialog', { name: 'Hand over package' });
  await handOver.getByRole('radio', { name: 'Someone else' }).check();
  await expect(handOver.getByRole('textbox', { name: 'Name of the person collecting' })).toBeVisible();
  await expectAccessible(page, 'Hand over package');
  await handOver.getByRole('button', { name: 'Cancel' }).click();

  await list.getByRole('button', { name: 'Return 1Z999AA10123456784 to sender' }).click();
  await expectAccessible(page, 'Return to sender');
  await page.getByRole('dialog', { name: 'Return to sender' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Shelf check' }).click();
  const shelfCheck = page.getByRole('dialog', { name: 'Shelf check' });
  await expectAccessible(page, 'Shelf check, start');
  await shelfCheck.getByRole('button', { name: 'Start shelf check' }).click();
  const scan = shelfCheck.getByRole('textbox', { name: 'Scan a package on the shelf' });
  await expect(scan).toBeFocused();
  for (const tracking of ['1Z999AA10123456784', '9400111202555842332669']) {
    await page.keyboard.type(tracking);
    await page.keyboard.press('Enter');
    await expect(scan).toHaveValue('');
  }
  await expect(shelfCheck.getByRole('list', { name: 'Scanned' }).getByRole('listitem')).toHaveCount(2);
  await expectAccessible(page, 'Shelf check, scanning');
  await shelfCheck.getByRole('button', { name: 'Finish shelf check' }).click();
  await expect(shelfCheck.getByRole('heading', { name: 'Waiting, but not found' })).toBeVisible();
  await expectAccessible(page, 'Shelf check, result');
});

test('Settings → Carrier access and its dialogs, Backups, This computer, Packages; Activity → Export', async ({ page, packroom }) => {
  const folder = mkdtempSync(join(tmpdir(), 'packroom-e2e-a11y-backups-'));
  try {
    packroom.addUser('ada', password);
    await signIn(page, packroom.url, 'ada', password);
    await openSettings(page, 'Backups');
    await expect(page.getByRole('region', { name: 'Backups' })).toBeVisible();
    await expectAccessible(page, 'Settings → Backups, not set up', 'section[aria-labelledby="backups-heading"]');
    await openSettings(page, 'This computer');
    await expect(page.getByRole('region', { name: 'This computer' })).toBeVisible();
    await expectAccessible(page, 'Settings → This computer', 'section[aria-labelledby="settings-this-computer"]');
    await openSettings(page, 'Packages');
    await expect(page.getByRole('region', { name: 'Packages' })).toBeVisible();
    await expectAccessible(page, 'Settings → Packages', 'section[aria-labelledby="settings-packages"]');
    await openSettings(page, 'Carrier access');
    const carriers = page.getByRole('region', { name: 'Carrier access' });
    await expect(carriers.getByText('No carrier codes yet.')).toBeVisible();
    await expectAccessible(page, 'Settings → Carrier access', 'section[aria-labelledby="carrier-access"]');

    await carriers.getByRole('button', { name: 'Add carrier code' }).click();
    const add = page.getByRole('dialog', { name: 'Add carrier code' });
    await expectAccessible(page, 'Add carrier code');
    await add.getByRole('button', { name: 'Add code' }).click();
    const shown = add.getByRole('status', { name: 'Code for UPS' });
    await expect(shown).toHaveText(/^\d+$/);
    await expectAccessible(page, 'Add carrier code, code shown once');
    await add.getByRole('button', { name: 'Done' }).click();
    await carriers.getByRole('button', { name: 'Look up the code for UPS' }).click();
    await expectAccessible(page, 'Look up carrier code');
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'Settings → Carrier access, one code', 'section[aria-labelledby="carrier-access"]');

    await callApi(page, 'backups.configure', { folder, timeOfDay: '02:00', keep: 7 });
    await callApi(page, 'backups.setPassphrase', { passphrase: 'maple court basement stick' });
    await callApi(page, 'backups.run', {});
    await openSettings(page, 'Backups');
    await page.reload();
    const backups = page.getByRole('region', { name: 'Backups' });
    await expect(backups.getByRole('table', { name: 'Recent backups' }).getByRole('row')).toHaveCount(2);
    await expectAccessible(page, 'Settings → Backups, after a backup', 'section[aria-labelledby="backups-heading"]');

    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.getByRole('button', { name: 'Export' }).click();
    await expect(page.getByRole('dialog', { name: 'Export activity' })).toBeVisible();
    await expectAccessible(page, 'Activity → Export');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('Reset keypad lockout dialog', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  for (let attempt = 0; attempt < 6; attempt++) await packroom.sim.pressKeys('20481937#');
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: 'Reset keypad lockout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset keypad lockout' });
  await expect(dialog.getByRole('textbox', { name: 'Reason' })).toBeFocused();
  await expectAccessible(page, 'Reset keypad lockout');
  await dialog.getByRole('button', { name: 'Reset lockout' }).click();
  await expect(dialog.getByText('Enter reason.')).toBeVisible();
  await expectAccessible(page, 'Reset keypad lockout, no reason');
});
