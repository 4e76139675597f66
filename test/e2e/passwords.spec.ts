import { expect, openSettings, signIn, test } from './fixtures';

const password = 'correct horse battery';

test('a staff member changes their own password in My account, then signs in with it', async ({ page, packroom }) => {
  packroom.addUser('frontdesk', password, 'staff');
  await signIn(page, packroom.url, 'frontdesk', password);
  await page.getByRole('button', { name: 'Account: frontdesk' }).click();
  await page.getByRole('menuitem', { name: 'My account' }).click();
  const account = page.getByRole('dialog', { name: 'My account' });
  await account.getByLabel('Current password').fill('not my password');
  await account.getByLabel('New password').fill('my own new password');
  await account.getByRole('button', { name: 'Change my password' }).click();
  await expect(account.getByText('Wrong password.')).toBeVisible();
  await account.getByLabel('Current password').fill(password);
  await account.getByLabel('New password').fill('my own new password');
  await account.getByRole('button', { name: 'Change my password' }).click();
  await expect(account.getByRole('status')).toHaveText('Your password is changed.');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Account: frontdesk' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, packroom.url, 'frontdesk', 'my own new password');
});

test('an admin resets a password; the person is asked for a new one before anything else', async ({ browser, page, packroom }) => {
  packroom.addUser('ada', password, 'admin');
  packroom.addUser('frontdesk', password, 'staff');
  const desk = await browser.newPage();
  await signIn(desk, packroom.url, 'frontdesk', password);

  await signIn(page, packroom.url, 'ada', password);
  await openSettings(page, 'Staff');
  await page.getByRole('button', { name: 'Reset the password of frontdesk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the password of frontdesk' });
  await dialog.getByLabel('Temporary password').fill('temporary password 1');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByText('The password of frontdesk is reset. Give them the temporary password.')).toBeVisible();

  // The desk's open screen was signed out by the core, at once.
  await expect(desk.getByRole('heading', { name: 'Sign in to Packroom' })).toBeVisible();
  await desk.getByLabel('User name').fill('frontdesk');
  await desk.getByLabel('Password').fill('temporary password 1');
  await desk.getByRole('button', { name: 'Sign in' }).click();
  await expect(desk.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await desk.getByLabel('Current password').fill('temporary password 1');
  await desk.getByLabel('New password').fill('my own new password');
  await desk.getByRole('button', { name: 'Save my new password' }).click();
  await expect(desk.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
  await desk.close();
});
