import type { Page, TestInfo } from '@playwright/test';
import { callApi, chooseSpanish, expect, signIn, test } from './fixtures';

/**
 * Adding someone who is already there asks first (issue 19, data item 8), and phone numbers read as people write
 * them in the site's country (screens item 7), in English and in Spanish.
 */
const password = 'correct horse battery';

const shot = (page: Page, info: TestInfo, name: string) =>
  page.screenshot({ path: info.outputPath(`${name}.png`), animations: 'disabled', caret: 'hide' });

async function addRuth(page: Page, words: { quickActions: string; add: string; first: string; last: string; unit: string }) {
  await page.getByRole('button', { name: words.quickActions }).click();
  await page.getByRole('menuitem', { name: words.add }).click();
  const dialog = page.getByRole('dialog', { name: words.add });
  await dialog.getByLabel(words.first).fill('Ruth');
  await dialog.getByLabel(words.last).fill("O'Neill");
  await dialog.getByLabel(words.unit).fill('7c');
  await dialog.getByRole('button', { name: words.add }).click();
  return dialog;
}

test('adding Ruth again asks first: open her, or add another person with the same name; phones read the US way', async ({
  page,
  packroom,
}, info) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await callApi(page, 'recipients.create', { firstName: 'Ruth', lastName: "O'Neill", unit: '7C', phone: '415 555 0187' });
  await callApi(page, 'recipients.create', { firstName: 'Jordi', lastName: 'Puig', unit: '2A', phone: '+34 612 345 678' });

  const list = page.getByRole('table', { name: 'Recipients' });
  await expect(list.getByRole('row', { name: /O'Neill, Ruth/ })).toContainText('(415) 555-0187');
  await expect(list.getByRole('row', { name: /Puig, Jordi/ }).getByRole('cell', { name: '+34 612 34 56 78', exact: true })).toBeVisible();
  await shot(page, info, 'recipients-en');

  const words = { quickActions: 'Quick Actions', add: 'Add Recipient', first: 'First name', last: 'Last name', unit: 'Unit' };
  let dialog = await addRuth(page, words);
  await expect(dialog.getByRole('alert')).toContainText("Ruth O'Neill, 7C already exists.");
  await expect(dialog.getByRole('button', { name: "Open Ruth O'Neill" })).toBeFocused();
  await shot(page, info, 'duplicate-en');
  await dialog.getByRole('button', { name: "Open Ruth O'Neill" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: "Ruth O'Neill" })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact details' }).getByText('(415) 555-0187')).toBeVisible();

  dialog = await addRuth(page, words);
  await dialog.getByRole('button', { name: 'Add another person with the same name' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: "Ruth O'Neill" })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact details' }).getByText('7c', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Back to Recipients' }).click();
  await expect(list.getByRole('row', { name: /O'Neill, Ruth/ })).toHaveCount(2);
});

test.describe('a site in Spain', () => {
  test.use({ packroomEnv: { PACKROOM_DEFAULT_COUNTRY: 'ES' } });

  test('en español: la pregunta antes de duplicar, y los teléfonos como se escriben en España', async ({ page, packroom }, info) => {
    packroom.addUser('ada', password);
    await signIn(page, packroom.url, 'ada', password);
    await callApi(page, 'recipients.create', { firstName: 'Ruth', lastName: "O'Neill", unit: '7C', phone: '+1 415 555 0187' });
    await callApi(page, 'recipients.create', { firstName: 'Jordi', lastName: 'Puig', unit: '2A', phone: '612 345 678' });
    await chooseSpanish(page, 'ada');

    const list = page.getByRole('table', { name: 'Destinatarios' });
    await expect(list.getByRole('row', { name: /Puig, Jordi/ }).getByRole('cell', { name: '612 34 56 78', exact: true })).toBeVisible();
    await expect(list.getByRole('row', { name: /O'Neill, Ruth/ })).toContainText('+1 415 555 0187');
    await shot(page, info, 'recipients-es');

    const dialog = await addRuth(page, {
      quickActions: 'Acciones rápidas',
      add: 'Añadir destinatario',
      first: 'Nombre',
      last: 'Apellidos',
      unit: 'Unidad',
    });
    await expect(dialog.getByRole('alert')).toContainText("Ruth O'Neill, 7C ya existe.");
    await expect(dialog.getByRole('button', { name: 'Añadir otra persona con el mismo nombre' })).toBeVisible();
    await shot(page, info, 'duplicate-es');
    await dialog.getByRole('button', { name: "Abrir la ficha de Ruth O'Neill" }).click();
    await expect(page.getByRole('heading', { name: "Ruth O'Neill" })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Datos de contacto' }).getByText('+1 415 555 0187')).toBeVisible();
  });
});
