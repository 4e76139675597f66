import { callApi, expect, signIn, test } from './fixtures';

const password = 'correct horse battery';

test.use({ packroomDevices: 'sim' });

test('Header: a locked keypad shows Reset keypad lockout; with a reason it lets residents in again, and is in the Activity log', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const noor = await callApi(page, 'recipients.create', { firstName: 'Noor', lastName: 'Haddad', unit: '7C', email: '', phone: '' });
  const { pin } = await callApi(page, 'access.regenerate', { recipientId: noor.id });

  const header = page.getByRole('banner');
  await expect(header.getByRole('button', { name: 'Reset keypad lockout' })).toHaveCount(0);
  for (let attempt = 0; attempt < 6; attempt++) await packroom.sim.pressKeys('20481937#');
  await expect(header.getByText(/^Keypad locked until /)).toBeVisible();
  await packroom.sim.pressKeys(`${pin}#`);
  await expect(page.getByRole('status', { name: 'Keypad locked' })).toBeVisible();
  expect((await packroom.sim.relay()).pulses).toHaveLength(0);

  await header.getByRole('button', { name: 'Reset keypad lockout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset keypad lockout' });
  await dialog.getByRole('button', { name: 'Reset lockout' }).click();
  await expect(dialog.getByText('Enter reason.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Children pressing keys, seen on camera');
  await dialog.getByRole('button', { name: 'Reset lockout' }).click();
  await expect(dialog).toBeHidden();
  await expect(header.getByText(/^Keypad locked until /)).toBeHidden();

  await packroom.sim.pressKeys(`${pin}#`);
  await expect(page.getByRole('status', { name: 'Door opened' })).toContainText('Noor Haddad');
  expect((await packroom.sim.relay()).pulses).toHaveLength(1);

  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByRole('table', { name: 'Activity' }).getByRole('row', { name: /Reset the keypad lockout/ })).toContainText(
    'Reason: Children pressing keys, seen on camera',
  );
});
