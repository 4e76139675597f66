import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer';
import { callApi, chooseSpanish, expect, signIn, test as base, typeOnKeypad } from './fixtures';

/**
 * A batch at the desk, keyboard only: the scanner is simulated by typing the number and Enter into
 * the focused field. The recipient's one notice arrives by email with the PIN; the PIN typed at
 * the simulated keypad opens the door and the packages show Picked up.
 */
const password = 'correct horse battery';
const packages = ['1Z999AA10123456784', 'TBA123456789012', '420902109400111202555842332669'];

const test = base.extend<{ mailbox: TestSmtpServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  mailbox: async ({}, use) => {
    const mailbox = await startSmtpServer();
    await use(mailbox);
    await mailbox.close();
  },
  packroomDevices: 'sim',
  packroomEnv: async ({ mailbox }, use) => {
    await use({
      PACKROOM_SMTP_URL: mailbox.url,
      PACKROOM_MAIL_FROM: 'Package Room <packages@example.test>',
      // The test moves the clock past the batching window; the screen should not lock meanwhile.
      PACKROOM_IDLE_LOCK_MINUTES: '240',
    });
  },
});

test('a batch logged keyboard-only; one notice with the PIN; the PIN at the door marks them picked up', async ({
  page,
  packroom,
  mailbox,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: 'maria@example.com', phone: '' });
  await expect.poll(() => mailbox.messages.length, { message: 'the welcome email' }).toBe(1);

  await page.getByRole('tab', { name: 'Packages' }).click();
  const tracking = page.getByRole('textbox', { name: 'Tracking number' });
  await expect(tracking).toBeFocused();

  for (const [i, number] of packages.entries()) {
    // The scanner types into whatever has focus, then Enter.
    await page.keyboard.type(number);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Recipient' })).toBeFocused();
    await page.keyboard.type('gom');
    await expect(page.getByRole('option', { name: 'Gómez, María — 12B' })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const shelf = page.getByRole('textbox', { name: 'Shelf' });
    await expect(shelf).toBeFocused();
    if (i === 0) await page.keyboard.type('A3');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Logged ' })).toContainText('for María Gómez, shelf A3');
    await expect(tracking).toBeFocused();
    await expect(tracking).toHaveValue('');
  }

  const list = page.getByRole('table', { name: 'Package list' });
  await expect(list.getByRole('row')).toHaveCount(4);
  await expect(list.getByRole('row', { name: /9400111202555842332669/ })).toContainText('USPS');
  await expect(list.getByRole('row', { name: /1Z999AA10123456784/ })).toContainText(/UPS.*Gómez, María — 12B.*A3.*Waiting/);

  // The same label again is refused, naming the recipient.
  await page.keyboard.type(packages[0]!);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Already logged' })).toContainText('waiting for María Gómez (12B)');
  await page.getByRole('textbox', { name: 'Tracking number' }).fill('');

  // One notice for the batch, once the 10-minute window ends, with her PIN.
  await packroom.sim.advanceClock(10 * 60_000);
  const isNotice = (subject: string | undefined) => /packages at/.test(subject ?? '');
  await expect.poll(() => mailbox.messages.filter((m) => isNotice(m.subject)).length, { message: 'the package notice' }).toBe(1);
  const notice = mailbox.messages.find((m) => isNotice(m.subject))!;
  expect(notice.subject).toBe('You have 3 packages at Package Room');
  const pin = /^PIN: (\d+)$/m.exec(notice.text ?? '')?.[1];
  expect(pin, notice.text).toMatch(/^\d{8}$/);

  // At the door.
  const door = await page.context().newPage();
  await door.goto(`${packroom.url}/sim`);
  await typeOnKeypad(door, `${pin}#`);
  await expect(door.getByRole('status').filter({ hasText: /^Door (open|closed)$/ })).toHaveText('Door open');

  await page.bringToFront();
  await page.getByRole('radiogroup', { name: 'Show' }).getByText('Picked up', { exact: true }).click();
  await expect(list.getByRole('row')).toHaveCount(4);
  await expect(list.getByRole('row', { name: /1Z999AA10123456784/ })).toContainText('Picked up');
  await expect(list.getByRole('row', { name: /1Z999AA10123456784/ })).toContainText('Door entry with PIN');
});

test('a staff member working in Spanish reads why a tracking number was refused in Spanish', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);

  await chooseSpanish(page, 'ada');

  await page.getByRole('tab', { name: 'Paquetes' }).click();
  const tracking = page.getByRole('textbox', { name: 'Número de seguimiento' });
  await tracking.fill('Maria Gomez');
  await tracking.press('Enter');
  // The core's sentence (tracking.noDigits), in the screen's language, on the field it is about.
  await expect(tracking).toHaveAccessibleDescription(/¿se escribió en el campo equivocado\?/);
  await expect(
    page.getByText('Eso no parece un número de seguimiento (no tiene dígitos): ¿se escribió en el campo equivocado?'),
  ).toBeVisible();
});

test('a number in no known format never keeps the carrier of the package before: the field clears and says to choose', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: '', phone: '' });

  const logUnknownAfterUps = async (words: { tab: string; tracking: string; carrier: string; shelf: string }, ups: string) => {
    await page.getByRole('tab', { name: words.tab }).click();
    const tracking = page.getByRole('textbox', { name: words.tracking });
    const carrier = page.getByRole('textbox', { name: words.carrier });
    await tracking.fill(ups);
    await tracking.press('Enter');
    await expect(carrier).toHaveValue('UPS');
    await page.keyboard.type('gom');
    await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();
    await expect(page.getByRole('textbox', { name: words.shelf })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(tracking).toHaveValue('');
    await expect(carrier).toHaveValue('');

    // Typed after a detected one, then detected itself: nothing is carried over.
    await tracking.fill(ups);
    await tracking.press('Enter');
    await expect(carrier).toHaveValue('UPS');
    await tracking.fill('ZX00427781');
    await tracking.press('Enter');
    await expect(carrier).toHaveValue('');
    return carrier;
  };

  const carrier = await logUnknownAfterUps(
    { tab: 'Packages', tracking: 'Tracking number', carrier: 'Carrier', shelf: 'Shelf' },
    '1Z999AA10123456784',
  );
  await expect(carrier).toHaveAccessibleDescription('Not a known format: choose the carrier');

  await chooseSpanish(page, 'ada');
  const transportista = await logUnknownAfterUps(
    {
      tab: 'Paquetes',
      tracking: 'Número de seguimiento',
      carrier: 'Transportista',
      shelf: 'Estante',
    },
    '1Z12345E6605272234',
  );
  await expect(transportista).toHaveAccessibleDescription('Formato desconocido: elija el transportista');
});
