import { expect, openSettings, signIn, test } from './fixtures';

const password = 'correct horse battery';

// The host reads carrier hours in its own zone and the browser shows times in its own: both UTC here,
// so the test can pick a window around "now". The staff screen stays unlocked over the 3 hours the clock skips.
test.use({ packroomDevices: 'sim', packroomEnv: { TZ: 'UTC', PACKROOM_IDLE_LOCK_MINUTES: '240' }, timezoneId: 'UTC' });

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

test('Settings → Carrier access: a code shown once opens the door inside its hours, and not outside them', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await openSettings(page, 'Carrier access');
  const section = page.getByRole('region', { name: 'Carrier access' });
  await expect(section).toContainText('No carrier codes yet.');

  // Every control by its label, from the keyboard where it matters: the carrier, each day, the times.
  await section.getByRole('button', { name: 'Add carrier code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add carrier code' });
  const carrier = dialog.getByRole('textbox', { name: 'Carrier' });
  await expect(carrier).toBeFocused();
  await expect(carrier).toHaveValue('UPS');
  await dialog.getByRole('checkbox', { name: 'Sun' }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('checkbox', { name: 'Sun' })).toBeChecked();
  const now = Date.now();
  await dialog.getByLabel('From').fill(hhmm(now - 3_600_000));
  await dialog.getByLabel('Until').fill(hhmm(now + 3_600_000));
  await dialog.getByRole('button', { name: 'Add code' }).click();

  const shown = dialog.getByRole('status', { name: 'Code for UPS' });
  const code = (await shown.textContent()) ?? '';
  expect(code).toMatch(/^\d{8}$/);
  await expect(dialog).toContainText('This code is shown only now.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  const row = section.getByRole('table', { name: 'Carrier codes' }).getByRole('row', { name: /UPS/ });
  await expect(row).toContainText('Every day');
  await expect(section).not.toContainText(code);

  // At the /sim keypad, inside the window: the relay pulses and staff see the carrier come in.
  const sim = await page.context().newPage();
  await sim.goto(`${packroom.url}/sim`);
  await sim.getByRole('textbox', { name: 'Key sequence' }).fill(`${code}#`);
  await sim.getByRole('button', { name: 'Send keys' }).click();
  await expect(sim.getByRole('status').filter({ hasText: /^Door (open|closed)$/ })).toHaveText('Door open');
  await expect(page.getByRole('status', { name: 'Door opened' })).toContainText('UPS');
  expect((await packroom.sim.relay()).pulses).toHaveLength(1);

  // Three hours later the window has closed: the same code is a wrong PIN at the keypad.
  await sim.getByRole('textbox', { name: 'Advance clock (minutes)' }).fill('180');
  await sim.getByRole('button', { name: 'Advance' }).click();
  await expect(sim.getByText('Moved ahead 180 minutes from this page.')).toBeVisible();
  await sim.getByRole('textbox', { name: 'Key sequence' }).fill(`${code}#`);
  await sim.getByRole('button', { name: 'Send keys' }).click();
  await expect(page.getByRole('status', { name: 'Door stayed closed' })).toContainText('Carrier code outside its hours');
  expect((await packroom.sim.relay()).pulses).toHaveLength(1);

  await page.getByRole('tab', { name: 'Activity' }).click();
  const activity = page.getByRole('table', { name: 'Activity' });
  await expect(activity.getByRole('row', { name: /UPS entered the package room at \d\d:\d\d/ })).toHaveCount(1);
  await expect(activity.getByRole('row', { name: /Door stayed closed/ })).toContainText('Carrier code outside its hours');
});
