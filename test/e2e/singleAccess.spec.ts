import dayjs from 'dayjs';
import type { ParsedMail } from 'mailparser';
import type { TestSmtpServer } from '../helpers/smtpServer';
import type { FakeSms, TwilioFake } from '../helpers/twilioFake';
import { callApi, expect, signIn, typeOnKeypad } from './fixtures';
import { test } from './messaging';

/**
 * The seed's two procedures for a One-Time Recipient PIN, step by step: from Quick Actions and
 * from the Recipients tab. The PIN is read from the email and the text the recipient receives,
 * then typed at the simulated door keypad.
 */
const password = 'correct horse battery';
const hours = (n: number) => n * 3_600_000;

async function oneTimePinEmailTo(mailbox: TestSmtpServer, address: string): Promise<string> {
  const isOneTimePin = (m: ParsedMail) =>
    (m.to && !Array.isArray(m.to) ? m.to.text : '').includes(address) && /one-time PIN/.test(m.subject ?? '');
  await expect.poll(() => mailbox.messages.filter(isOneTimePin).length, { message: `a one-time PIN email to ${address}` }).toBe(1);
  const text = mailbox.messages.find(isOneTimePin)!.text ?? '';
  return /^PIN: (\d+)$/m.exec(text)?.[1] ?? `no PIN in: ${text}`;
}

async function oneTimePinTextTo(inbox: TwilioFake, phone: string): Promise<string> {
  const isOneTimePin = (m: FakeSms) => m.to === phone && /one-time PIN is/.test(m.body);
  await expect.poll(() => inbox.messages.filter(isOneTimePin).length, { message: `a one-time PIN text to ${phone}` }).toBe(1);
  const body = inbox.messages.find(isOneTimePin)!.body;
  return /one-time PIN is (\d+)\./.exec(body)?.[1] ?? `no PIN in: ${body}`;
}

test('Quick Actions: Send Single Access PIN by email and text; the PIN opens the door once', async ({
  page,
  packroom,
  mailbox,
  smsInbox,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', {
    firstName: 'María',
    lastName: 'Gómez',
    unit: '12B',
    email: 'maria@example.com',
    phone: '(415) 555-0123',
  });

  // 1. Quick Actions → Send Single Access PIN: the Generate One-Time Access Key window opens.
  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Send Single Access PIN' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate One-Time Access Key' });
  await expect(dialog.getByText('Select Recipient')).toBeVisible();

  // 2–3. Type the name; the dropdown fills with recipients; select the recipient's name.
  await dialog.getByRole('textbox', { name: 'Recipient' }).fill('gom');
  await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Recipient' })).toHaveValue('Gómez, María — 12B');

  // 4. Show more options: "Send notification via" (Both, as she has email and phone) and the expiry (24 hours).
  await dialog.getByRole('button', { name: 'Show more options' }).click();
  const via = dialog.getByRole('textbox', { name: 'Send notification via' });
  await expect(via).toHaveValue('Both');
  await via.click();
  await expect(page.getByRole('option', { name: 'Email', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'SMS (text)' })).toBeVisible();
  await page.getByRole('option', { name: 'Both' }).click();
  const inADay = dayjs().add(24, 'hour');
  await expect(dialog.getByRole('button', { name: 'Access expires' })).toContainText(inADay.format('ddd D MMM YYYY'));

  // 5. Generate: the PIN is shown to read out, and where it was sent.
  await dialog.getByRole('button', { name: 'Generate' }).click();
  const shownPin = (await dialog.getByRole('status', { name: 'Single Access PIN' }).textContent()) ?? '';
  expect(shownPin).toMatch(/^\d{6,12}$/);
  await expect(dialog.getByText('Sending by email to maria@example.com and by text to (415) 555-0123.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The recipient receives it by email and by text.
  const emailedPin = await oneTimePinEmailTo(mailbox, 'maria@example.com');
  const textedPin = await oneTimePinTextTo(smsInbox, '+14155550123');
  expect(emailedPin).toBe(shownPin);
  expect(textedPin).toBe(shownPin);

  // At the door: the PIN from the email opens it, with exactly one relay pulse.
  const door = await page.context().newPage();
  await door.goto(`${packroom.url}/sim`);
  await expect(door.getByRole('status').filter({ hasText: /^Door (open|closed)$/ })).toHaveText('Door closed');
  await typeOnKeypad(door, `${emailedPin}#`);
  await expect(door.getByRole('status').filter({ hasText: /^Door (open|closed)$/ })).toHaveText('Door open');
  expect((await packroom.sim.relay()).pulses).toHaveLength(1);
  await expect(page.getByRole('status').filter({ hasText: 'Door opened' })).toContainText('María Gómez');

  // A second try with the same PIN is refused: no new pulse.
  await typeOnKeypad(door, `${textedPin}#`);
  await expect(page.getByRole('status').filter({ hasText: 'Door stayed closed' })).toBeVisible();
  expect((await packroom.sim.relay()).pulses).toHaveLength(1);

  // Her Recipient Detail View shows the PIN as used, and the two messages as sent.
  await page.getByRole('textbox', { name: 'Search' }).fill('gómez');
  await page
    .getByRole('row', { name: /Gómez, María/ })
    .getByRole('button', { name: 'View' })
    .click();
  await expect(page.getByRole('table', { name: 'Single Access PINs' }).getByRole('row').nth(1)).toContainText(/Used at .+ via PIN/);
  const sent = page.getByRole('table', { name: 'Notifications' }).getByRole('row').filter({ hasText: 'Sent at' });
  await expect(sent.filter({ hasText: 'maria@example.com' })).toHaveCount(2);
  await expect(sent.filter({ hasText: '(415) 555-0123' })).toHaveCount(2);
});

test('Recipients tab: Shield → Send Single Access PIN by text; the PIN no longer opens the door once it expires', async ({
  page,
  packroom,
  smsInbox,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'Sam', lastName: 'Lee', unit: '4A', email: '', phone: '(415) 555-0199' });

  // 1–3. Recipients tab → search by name with the Search icon → View arrow.
  await page.getByRole('tab', { name: 'Recipients' }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('Lee');
  await page.getByRole('button', { name: 'Search' }).click();
  await page
    .getByRole('row', { name: /Lee, Sam/ })
    .getByRole('button', { name: 'View' })
    .click();
  await expect(page.getByText('Recipient Detail View · Unit 4A')).toBeVisible();

  // 4. The Shield icon, then Send Single Access PIN: the dialog has the recipient filled in.
  await page.getByRole('button', { name: 'Access options' }).click();
  await page.getByRole('menuitem', { name: 'Send Single Access PIN' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate One-Time Access Key' });
  await expect(dialog.getByRole('textbox', { name: 'Recipient' })).toHaveValue('Lee, Sam — 4A');
  await expect(dialog.getByRole('textbox', { name: 'Recipient' })).toHaveAttribute('readonly');

  // 5. The options: with no email on file only SMS (text) can be chosen; the expiry stays at its default.
  const via = dialog.getByRole('textbox', { name: 'Send notification via' });
  await expect(via).toHaveValue('SMS (text)');
  await expect(dialog.getByText('No email address on file, so only SMS (text) is available: (415) 555-0199.')).toBeVisible();
  await via.click();
  await expect(page.getByRole('option', { name: 'Email', exact: true })).toHaveAttribute('data-combobox-disabled', 'true');
  await expect(page.getByRole('option', { name: 'Both' })).toHaveAttribute('data-combobox-disabled', 'true');
  await page.getByRole('option', { name: 'SMS (text)' }).click();

  // 6. Generate: the recipient receives the one-time access notification by text.
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText('Sending by text to (415) 555-0199.')).toBeVisible();
  const shownPin = (await dialog.getByRole('status', { name: 'Single Access PIN' }).textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Done' }).click();
  const textedPin = await oneTimePinTextTo(smsInbox, '+14155550199');
  expect(textedPin).toBe(shownPin);

  // The detail view lists the PIN (secret not shown) and the text as it is delivered.
  const singles = page.getByRole('table', { name: 'Single Access PINs' });
  await expect(singles.getByRole('row')).toHaveCount(2);
  await expect(singles.getByRole('row').nth(1)).toContainText('Active');
  await expect(singles).not.toContainText(shownPin);
  // Two texts: the PIN sent when Sam was added, and this Single Access PIN.
  const notifications = page.getByRole('table', { name: 'Notifications' });
  await expect(notifications.getByRole('row').filter({ hasText: '(415) 555-0199' }).filter({ hasText: 'Sent at' })).toHaveCount(2);

  // A day and an hour later the PIN has expired: typed at the keypad it opens nothing.
  await packroom.sim.advanceClock(hours(25));
  await packroom.sim.pressKeys(`${textedPin}#`);
  expect((await packroom.sim.relay()).pulses).toHaveLength(0);

  // Staff sessions run on the same clock: after a day away the screen is locked (it may lock before the door's
  // notice shows, so the reason is read from the activity log). Unlocked, the PIN shows as expired.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Screen locked' })).toBeVisible();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(
    page
      .getByRole('table', { name: 'Activity' })
      .getByRole('row', { name: /Door stayed closed/ })
      .filter({ hasText: 'Single Access PIN expired' }),
  ).toHaveCount(1);
  await page.getByRole('tab', { name: 'Recipients' }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('Lee');
  await page
    .getByRole('row', { name: /Lee, Sam/ })
    .getByRole('button', { name: 'View' })
    .click();
  await expect(page.getByRole('table', { name: 'Single Access PINs' }).getByRole('row').nth(1)).toContainText('Expired');
});

test('Generate One-Time Access Key: what is wrong shows on the field at fault', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: 'maria@example.com', phone: '' });
  const gone = await callApi(page, 'recipients.create', {
    firstName: 'Olu',
    lastName: 'Ade',
    unit: '3F',
    email: 'olu@example.com',
    phone: '',
  });
  await callApi(page, 'recipients.setStatus', { id: gone.id, status: 'inactive' });

  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Send Single Access PIN' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate One-Time Access Key' });
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText('Select a recipient: type part of the name, then choose from the list.')).toBeVisible();

  // Inactive recipients are not offered.
  await dialog.getByRole('textbox', { name: 'Recipient' }).fill('ade');
  await expect(page.getByText('No active recipient matches that name')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Recipient' }).fill('gómez');
  await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();

  // Email only: the other choices are unavailable, with the reason.
  await dialog.getByRole('button', { name: 'Show more options' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Send notification via' })).toHaveValue('Email');
  await expect(dialog.getByText('No mobile number on file, so only Email is available: maria@example.com.')).toBeVisible();

  // The core refuses an expiry more than 30 days away, and says so under "Access expires".
  const tooLate = dayjs().add(2, 'month').date(28);
  await dialog.getByRole('button', { name: 'Access expires' }).click();
  await page.getByRole('button', { name: 'Next month' }).click();
  await page.getByRole('button', { name: 'Next month' }).click();
  // A day is named as the screens write a date (formatDate: Intl's medium date in the reader's language).
  const dayName = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(tooLate.toDate());
  await page.getByRole('button', { name: dayName, exact: true }).click();
  await page.getByRole('button', { name: 'Set expiry' }).click();
  await expect(dialog.getByRole('button', { name: 'Access expires' })).toContainText(tooLate.format('ddd D MMM YYYY'));
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText('A Single Access PIN can last at most 30 days.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Access expires' })).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // From the Recipient Detail View of an inactive recipient: the reason shows on the Recipient field.
  await page.getByRole('search').getByText('Inactive', { exact: true }).click();
  await page
    .getByRole('row', { name: /Ade, Olu/ })
    .getByRole('button', { name: 'View' })
    .click();
  await page.getByRole('button', { name: 'Access options' }).click();
  await page.getByRole('menuitem', { name: 'Send Single Access PIN' }).click();
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText('Olu Ade is inactive. Reactivate the recipient first.')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Recipient' })).toHaveAttribute('aria-invalid', 'true');
});
