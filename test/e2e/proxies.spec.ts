import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { callApi, chooseSpanish, expect, signIn, test } from './fixtures';

/**
 * Recipient Detail → "Allowed to collect": staff add a person, give them a proxy PIN, and at the desk hand a package
 * over choosing that person by name; the package then says who collected it for whom. Screenshots of the card and
 * its dialogs in English and Spanish at 1024 px go to PACKROOM_SHOTS (a temporary folder when unset).
 */
const password = 'correct horse battery';
const shots = process.env.PACKROOM_SHOTS ?? join(tmpdir(), 'packroom-shots');

const shoot = async (page: Page, name: string) => {
  mkdirSync(shots, { recursive: true });
  // The viewport, not the full page: the header stays on top and an open dialog is shown where it is.
  await page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled', caret: 'hide' });
};

test.use({ viewport: { width: 1024, height: 900 } });

test('add a person allowed to collect, give a proxy PIN, hand over choosing them by name: "collected by … for …"', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const aisha = await callApi(page, 'recipients.create', { firstName: 'Aisha', lastName: 'Rahman', unit: '4B', email: '', phone: '' });
  const item = await callApi(page, 'packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: aisha.id, shelf: 'A3' });
  await page.goto(`${packroom.url}/#/recipients/${aisha.id}`);

  const card = page.getByRole('region', { name: 'Allowed to collect' });
  await expect(card).toContainText('Nobody else may collect packages for Aisha Rahman.');
  await card.getByRole('button', { name: 'Add a person' }).click();
  const add = page.getByRole('dialog', { name: 'Allowed to collect for Aisha Rahman' });
  // No name: said under the field, nothing added.
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription('Enter the name of the person allowed to collect.');
  await add.getByRole('textbox', { name: 'Name' }).fill('Ben Ortiz');
  await add.getByRole('textbox', { name: 'Email' }).fill('ben@example.com');
  await shoot(page, 'proxies-add-en');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();
  const row = card.getByRole('row', { name: /Ben Ortiz/ });
  await expect(row).toContainText('All packages, until taken off');

  await row.getByRole('button', { name: 'Give a proxy PIN to Ben Ortiz' }).click();
  const pinDialog = page.getByRole('dialog', { name: 'Proxy PIN' });
  await pinDialog.getByRole('button', { name: 'Give PIN' }).click();
  await expect(pinDialog.getByRole('status', { name: 'Proxy PIN of Ben Ortiz for Aisha Rahman' })).toHaveText(/^\d{8}$/);
  await shoot(page, 'proxies-pin-en');
  await pinDialog.getByRole('button', { name: 'Done' }).click();
  await expect(row).toContainText('Given');
  await card.scrollIntoViewIfNeeded();
  await shoot(page, 'proxies-card-en');

  // At the desk: the proxy is offered by name.
  await page.getByRole('tab', { name: 'Packages' }).click();
  await page
    .getByRole('table', { name: 'Package list' })
    .getByRole('button', { name: `Hand over ${item.tracking}` })
    .click();
  const handOver = page.getByRole('dialog', { name: 'Hand over package' });
  await handOver.getByRole('radio', { name: 'Ben Ortiz (allowed to collect)' }).check();
  await shoot(page, 'proxies-handover-en');
  await handOver.getByRole('button', { name: 'Hand over' }).click();
  await expect(handOver).toBeHidden();
  await page.getByRole('radiogroup', { name: 'Show' }).getByText('Picked up', { exact: true }).click();
  await expect(page.getByRole('table', { name: 'Package list' }).getByRole('row', { name: new RegExp(item.tracking) })).toContainText(
    'Collected by Ben Ortiz for Aisha Rahman, handed over by ada',
  );

  // Taken off the list, with a confirmation first.
  await page.goto(`${packroom.url}/#/recipients/${aisha.id}`);
  await card.getByRole('button', { name: 'Take Ben Ortiz off the list' }).click();
  const revoke = page.getByRole('dialog', { name: 'Take off the list' });
  await expect(revoke).toContainText('Ben Ortiz may no longer collect for Aisha Rahman');
  await revoke.getByRole('button', { name: 'Take off' }).click();
  await expect(revoke).toBeHidden();
  await expect(row).toContainText('Taken off');

  // The same card and dialogs in Spanish.
  await callApi(page, 'proxies.add', { recipientId: aisha.id, name: 'Cleo Díaz', phone: '(415) 555-0142', untilDate: '2099-12-31' });
  await chooseSpanish(page, 'ada');
  const tarjeta = page.getByRole('region', { name: 'Autorizados a recoger' });
  await expect(tarjeta.getByRole('row', { name: /Cleo Díaz/ })).toBeVisible();
  await tarjeta.scrollIntoViewIfNeeded();
  await shoot(page, 'proxies-card-es');
  await tarjeta.getByRole('button', { name: 'Añadir persona' }).click();
  await expect(page.getByRole('dialog', { name: 'Autorizados a recoger para Aisha Rahman' })).toBeVisible();
  await shoot(page, 'proxies-add-es');
  await page.keyboard.press('Escape');
  await tarjeta.getByRole('button', { name: 'Dar un PIN de autorizado a Cleo Díaz' }).click();
  await expect(page.getByRole('dialog', { name: 'PIN de autorizado' })).toBeVisible();
  await shoot(page, 'proxies-pin-es');
  await page.keyboard.press('Escape');
  const second = await callApi(page, 'packages.log', { tracking: 'TBA123456789012', carrier: 'amazon', recipientId: aisha.id });
  await page.getByRole('tab', { name: 'Paquetes' }).click();
  await page.getByRole('button', { name: `Entregar ${second.tracking}` }).click();
  const entregar = page.getByRole('dialog', { name: 'Entregar el paquete' });
  await expect(entregar.getByRole('radio', { name: 'Cleo Díaz (autorizado a recoger)' })).toBeVisible();
  await shoot(page, 'proxies-handover-es');
});
