import { chooseSpanish, expect, signIn, test } from './fixtures';

const password = 'correct horse battery';

test('first run: create the first staff account, add a recipient, find it, view it, sign out', async ({ page, packroom }) => {
  await page.goto(packroom.url);
  await expect(page.getByRole('heading', { name: 'Create the first staff account' })).toBeVisible();

  await page.getByLabel('Your name').fill('Ada Admin');
  await page.getByLabel('User name').fill('ada');
  await page.getByLabel(/^Password/).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Password must be at least 10 characters.')).toBeVisible();

  await page.getByLabel(/^Password/).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Recipients' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Add Recipient' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Recipient' });
  await dialog.getByLabel('First name').fill('María');
  await dialog.getByLabel('Last name').fill('Gómez');
  await dialog.getByLabel('Unit').fill('12B');
  await dialog.getByLabel('Email').fill('maria@example.com');
  await dialog.getByLabel('Phone').fill('555');
  await dialog.getByRole('button', { name: 'Add Recipient' }).click();
  await expect(dialog.getByText(/is not a valid phone number/)).toBeVisible();
  await dialog.getByLabel('Phone').fill('(415) 555-0123');
  await dialog.getByRole('button', { name: 'Add Recipient' }).click();
  await expect(page.getByRole('heading', { name: 'María Gómez' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact details' }).getByText('(415) 555-0123')).toBeVisible();

  await page.getByRole('button', { name: 'Back to Recipients' }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('gom');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row', { name: /Gómez, María/ });
  await expect(row).toBeVisible();
  await page.getByRole('textbox', { name: 'Search' }).fill('12b');
  await expect(row).toBeVisible();
  await page.getByRole('textbox', { name: 'Search' }).fill('nobody');
  await expect(page.getByText('No recipients match "nobody".')).toBeVisible();

  await page.getByRole('textbox', { name: 'Search' }).fill('mar');
  await row.getByRole('button', { name: 'View' }).click();
  await expect(page.getByText('Recipient Detail View · Unit 12B')).toBeVisible();
  await expect(page.getByRole('table', { name: 'History' }).getByText('Added a recipient')).toBeVisible();

  await page.getByRole('button', { name: 'Account: Ada Admin' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Packroom' })).toBeVisible();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to Packroom' })).toBeVisible();
});

test('sign in with a CLI-provisioned account; a wrong password is refused', async ({ page, packroom }) => {
  packroom.addUser('frontdesk', password, 'staff');
  await page.goto(packroom.url);
  await page.getByLabel('User name').fill('frontdesk');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong user name or password.')).toBeVisible();

  await signIn(page, packroom.url, 'frontdesk', password);
  // Staff (not admin) accounts see no Settings tab.
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expect(page.getByRole('table', { name: 'Activity' }).getByText('Signed in').first()).toBeVisible();
});

test.describe('idle lock', () => {
  test.use({ packroomEnv: { PACKROOM_IDLE_LOCK_MINUTES: '1' } });

  test('locks the screen after the idle time and unlocks with the password', async ({ page, packroom }) => {
    packroom.addUser('ada', password);
    await page.clock.install();
    await signIn(page, packroom.url, 'ada', password);
    await page.clock.fastForward('00:50');
    await expect(page.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
    await page.clock.fastForward('00:15');
    await expect(page.getByRole('heading', { name: 'Screen locked' })).toBeVisible();

    // The server agrees: data calls are refused while locked, even after a reload.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Screen locked' })).toBeVisible();

    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByText('Wrong password.')).toBeVisible();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
  });
});

test('a staff member who reads Spanish gets the core’s refusals in Spanish, under the field at fault', async ({ page, packroom }) => {
  packroom.addUser('desk', password, 'staff');
  await signIn(page, packroom.url, 'desk', password);
  await chooseSpanish(page, 'desk');

  await page.getByRole('button', { name: 'Acciones rápidas' }).click();
  await page.getByRole('menuitem', { name: 'Añadir destinatario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Añadir destinatario' });
  await dialog.getByRole('textbox', { name: 'Nombre', exact: true }).fill('María');
  await dialog.getByLabel('Unidad').fill('12B');
  await dialog.getByRole('button', { name: 'Añadir destinatario' }).click();
  await expect(dialog.getByText('Escriba los apellidos.')).toBeVisible();

  await dialog.getByLabel('Apellidos').fill('Gómez');
  await dialog.getByLabel('Teléfono').fill('555');
  await dialog.getByRole('button', { name: 'Añadir destinatario' }).click();
  await expect(dialog.getByText('«555» no es un número de teléfono válido. Incluya el código de área')).toBeVisible();
  await expect(dialog.getByText('Escriba los apellidos.')).toHaveCount(0);
});
