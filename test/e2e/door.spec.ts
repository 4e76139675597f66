import type { Page } from '@playwright/test';
import { callApi, chooseSpanish, expect, openSettings, signIn, test } from './fixtures';

const password = 'correct horse battery';

test.use({ packroomDevices: 'sim' });

const doorBadge = (page: Page) => page.getByRole('banner').getByRole('status');

async function openRecipient(page: Page, search: string, row: RegExp): Promise<void> {
  await page.getByRole('textbox', { name: 'Search' }).fill(search);
  await page.getByRole('row', { name: row }).getByRole('button', { name: 'View' }).click();
  await expect(page.getByText(/^Recipient Detail View/)).toBeVisible();
}

test('Quick Actions → Open Door: a reason is required; the relay pulses once and the header follows the door', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await expect(doorBadge(page)).toHaveText('Door: closed');
  await doorBadge(page).hover();
  await expect(page.getByRole('tooltip')).toContainText(/Keypad: .+ \(connected\)/);
  await expect(page.getByRole('tooltip')).toContainText(/Door relay: .+ \(connected\)/);

  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Open Door' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open Door' });
  await dialog.getByRole('button', { name: 'Open door' }).click();
  await expect(dialog.getByText('Enter reason.')).toBeVisible();
  expect((await packroom.sim.relay()).pulses).toHaveLength(0);

  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Courier with a large parcel');
  await dialog.getByRole('button', { name: 'Open door' }).click();
  await expect(dialog).toBeHidden();
  await expect(doorBadge(page)).toHaveText('Door: open');
  await expect(page.getByRole('status', { name: 'Door opened' })).toContainText('Courier with a large parcel');
  const relay = await packroom.sim.relay();
  expect(relay.open).toBe(true);
  expect(relay.pulses).toHaveLength(1);

  // The pulse ends on the core's clock: moved past the door open time, the relay switches off.
  await packroom.sim.advanceClock(10_000);
  await expect(doorBadge(page)).toHaveText('Door: closed');
  expect((await packroom.sim.relay()).pulses[0]?.closedAt).not.toBeNull();

  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(
    page.getByRole('table', { name: 'Activity' }).getByRole('row', { name: /Opened the door from the staff screen/ }),
  ).toContainText('Reason: Courier with a large parcel');
});

test('Shield menu: Look up PIN after confirming identity, Regenerate PIN and QR code, Open door for the recipient', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'Noor', lastName: 'Haddad', unit: '7C', email: '', phone: '' });
  await openRecipient(page, 'haddad', /Haddad, Noor/);
  await expect(page.getByRole('region', { name: 'Access' })).toContainText(/PIN •{8} \(8 digits\), issued/);

  // Look up PIN: only after ticking that the recipient's identity was checked; the lookup is recorded.
  await page.getByRole('button', { name: 'Access options' }).click();
  await page.getByRole('menuitem', { name: 'Look up PIN' }).click();
  const lookup = page.getByRole('dialog', { name: 'Look up PIN' });
  await expect(lookup.getByRole('button', { name: 'Show PIN' })).toBeDisabled();
  await lookup.getByRole('checkbox', { name: "I have verified this recipient's identity" }).check();
  await lookup.getByRole('button', { name: 'Show PIN' }).click();
  const firstPin = (await lookup.getByRole('status', { name: 'Active PIN for Noor Haddad' }).textContent()) ?? '';
  expect(firstPin).toMatch(/^\d{8}$/);
  await lookup.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'History' }).getByText('Looked up the PIN')).toBeVisible();

  // Regenerate: confirmed first, the new PIN is shown once; with no email or phone on file nothing is sent.
  await page.getByRole('button', { name: 'Access options' }).click();
  await page.getByRole('menuitem', { name: 'Regenerate PIN and QR code' }).click();
  const regenerate = page.getByRole('dialog', { name: 'Regenerate PIN and QR code' });
  await expect(regenerate).toContainText('stop working at once');
  await regenerate.getByRole('button', { name: 'Regenerate' }).click();
  const newPin = (await regenerate.getByRole('status', { name: 'New PIN for Noor Haddad' }).textContent()) ?? '';
  expect(newPin).toMatch(/^\d{8}$/);
  expect(newPin).not.toBe(firstPin);
  await expect(regenerate).toContainText('No notification was sent: read the PIN to the recipient.');
  await regenerate.getByRole('button', { name: 'Done' }).click();

  // At the keypad the old PIN no longer opens the door; the new one does.
  await packroom.sim.pressKeys(`${firstPin}#`);
  await expect(page.getByRole('status', { name: 'Door stayed closed' })).toBeVisible();
  expect((await packroom.sim.relay()).pulses).toHaveLength(0);
  await packroom.sim.pressKeys(`${newPin}#`);
  await expect(page.getByRole('status', { name: 'Door opened' })).toContainText('Noor Haddad');
  expect((await packroom.sim.relay()).pulses).toHaveLength(1);
  await packroom.sim.advanceClock(10_000);

  // Open door for this recipient, with a reason.
  await page.getByRole('button', { name: 'Access options' }).click();
  await page.getByRole('menuitem', { name: 'Open door' }).click();
  const open = page.getByRole('dialog', { name: 'Open Door' });
  await expect(open).toContainText('Opens the package room door for Noor Haddad.');
  await open.getByRole('textbox', { name: 'Reason' }).fill('Forgot phone');
  await open.getByRole('button', { name: 'Open door' }).click();
  await expect(open).toBeHidden();
  expect((await packroom.sim.relay()).pulses).toHaveLength(2);
  await expect(
    page.getByRole('table', { name: 'History' }).getByRole('row', { name: /Opened the door from the staff screen/ }),
  ).toContainText('Forgot phone');
});

test('Settings → Door: with Look up PIN turned off the Shield menu says why it is unavailable', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'Noor', lastName: 'Haddad', unit: '7C', email: '', phone: '' });

  await openSettings(page, 'Door');
  const door = page.getByRole('region', { name: 'Door' });
  await expect(door.getByText('Recipients who forgot their PIN can request a single use access PIN at the door keypad')).toBeVisible();
  await door.getByRole('switch', { name: 'Look up PIN' }).uncheck();
  await door.getByRole('button', { name: 'Save door settings' }).click();
  await expect(door.getByRole('status')).toHaveText('Settings saved.');

  await page.getByRole('tab', { name: 'Recipients' }).click();
  await openRecipient(page, 'haddad', /Haddad, Noor/);
  await page.getByRole('button', { name: 'Access options' }).click();
  const item = page.getByRole('menuitem', { name: /Look up PIN/ });
  await expect(item).toBeDisabled();
  await expect(item).toContainText('Turned off in Settings → Door');
});

test('Alerts: repeated wrong PINs at the keypad raise an alert that staff acknowledge', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const alerts = page.getByRole('button', { name: 'Alerts' });
  await expect(alerts).toHaveAttribute('title', '0 open alerts');

  for (let attempt = 0; attempt < 5; attempt++) await packroom.sim.pressKeys('20481937#');
  await expect(alerts).toHaveAttribute('title', '1 open alert');
  expect((await packroom.sim.relay()).pulses).toHaveLength(0);

  await alerts.click();
  const list = page.getByRole('list', { name: 'Open alerts' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Repeated wrong codes at the keypad');
  await list.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText('No open alerts')).toBeVisible();
  await expect(alerts).toHaveAttribute('title', '0 open alerts');
});

test('Door simulator page: a typed key sequence, the clock and the QR reader', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const noor = await callApi(page, 'recipients.create', { firstName: 'Noor', lastName: 'Haddad', unit: '7C', email: '', phone: '' });
  const { pin } = await callApi(page, 'access.regenerate', { recipientId: noor.id });

  const sim = await page.context().newPage();
  await sim.goto(`${packroom.url}/sim`);
  const lamp = sim.getByRole('status').filter({ hasText: /^Door (open|closed)$/ });
  await expect(lamp).toHaveText('Door closed');

  await sim.getByRole('textbox', { name: 'Key sequence' }).fill(`${pin}#`);
  await sim.getByRole('button', { name: 'Send keys' }).click();
  await expect(lamp).toHaveText('Door open');
  await expect(sim.getByRole('table', { name: 'Relay pulses' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('status', { name: 'Door opened' })).toContainText('Noor Haddad');

  await sim.getByRole('textbox', { name: 'Advance clock (minutes)' }).fill('1');
  await sim.getByRole('button', { name: 'Advance' }).click();
  await expect(sim.getByText('Moved ahead 1 minute from this page.')).toBeVisible();
  await expect(lamp).toHaveText('Door closed');
  expect((await packroom.sim.relay()).pulses[0]?.closedAt).not.toBeNull();

  await sim.getByRole('textbox', { name: 'QR code text' }).fill('not-a-door-code');
  await sim.getByRole('button', { name: 'Scan' }).click();
  await expect(page.getByRole('status', { name: 'Door stayed closed' })).toContainText('Unknown QR code');
  expect((await packroom.sim.relay()).pulses).toHaveLength(1);
});

test('Working in Spanish: why the door stayed closed, and the alert that follows, are in Spanish on the toast and to screen readers', async ({
  page,
  packroom,
}) => {
  packroom.addUser('sam', password, 'staff');
  await signIn(page, packroom.url, 'sam', password);
  await chooseSpanish(page, 'sam');

  const announcements = page.getByRole('log', { name: 'Eventos de la puerta y alertas' });
  await packroom.sim.pressKeys('20481937#');
  await expect(page.getByRole('status', { name: 'La puerta siguió cerrada' })).toContainText('PIN desconocido (PIN en keypad)');
  await expect(announcements).toContainText('La puerta siguió cerrada. PIN desconocido (PIN en keypad)');

  for (let attempt = 1; attempt < 5; attempt++) await packroom.sim.pressKeys('20481937#');
  await expect(announcements).toContainText('Alerta: Códigos incorrectos repetidos en keypad: puede que alguien esté intentando adivinar.');
  await page.getByRole('button', { name: 'Alertas' }).click();
  await expect(page.getByRole('list', { name: 'Alertas abiertas' })).toContainText(
    'Códigos incorrectos repetidos en keypad: puede que alguien esté intentando adivinar.',
  );
});
