import type { Page } from '@playwright/test';
import { callApi, chooseSpanish, expect, signIn, test } from './fixtures';

const password = 'correct horse battery';

test.use({ packroomDevices: 'sim' });

/** Two recipients, a wrong PIN at the door, a package for Bo: what a short morning leaves in the log. */
async function morning(page: Page, pressKeys: (keys: string) => Promise<void>) {
  const ana = await callApi(page, 'recipients.create', {
    firstName: 'Ana',
    lastName: 'Lopez',
    unit: '4B',
    email: 'ana@example.com',
    phone: null,
  });
  const bo = await callApi(page, 'recipients.create', {
    firstName: 'Bo',
    lastName: 'Park',
    unit: '7C',
    email: 'bo@example.com',
    phone: null,
  });
  await pressKeys('000000#');
  await callApi(page, 'packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: bo.id, shelf: 'B1' });
  return { ana, bo };
}

test('Activity reads as a feed: who by name, whom as a link, why as a sentence; kind and recipient narrow it', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const { bo } = await morning(page, packroom.sim.pressKeys);
  await page.getByRole('tab', { name: 'Activity' }).click();
  const table = page.getByRole('table', { name: 'Activity' });

  const denied = table.getByRole('row', { name: /Door stayed closed/ });
  await expect(denied).toContainText('The door');
  await expect(denied).toContainText('Reason: Unknown PIN');
  const logged = table.getByRole('row', { name: /Logged a package/ });
  await expect(logged.getByRole('link', { name: 'Bo Park, 7C' })).toHaveAttribute('href', `#/recipients/${bo.id}`);
  await expect(logged).toContainText('Tracking number: 1Z999AA10123456784');
  await expect(table).not.toContainText('recipient:');
  await expect(table).not.toContainText('system');

  // Kind: the door's events only.
  await page.getByRole('textbox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Door', exact: true }).click();
  await expect(logged).toHaveCount(0);
  await expect(denied).toHaveCount(1);
  await expect(table.getByRole('row', { name: /Signed in/ })).toHaveCount(0);

  // Recipient: Ana's entries only, and nothing of hers is a door event.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(logged).toHaveCount(1);
  await page.getByRole('textbox', { name: 'Recipient' }).fill('lopez');
  await page.getByRole('option', { name: 'Lopez, Ana — 4B' }).click();
  await expect(table.getByRole('row', { name: /Added a recipient/ })).toHaveCount(1);
  await expect(table.getByRole('link', { name: 'Ana Lopez, 4B' }).first()).toBeVisible();
  await expect(table.getByRole('link', { name: 'Bo Park, 7C' })).toHaveCount(0);
  await expect(denied).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Door', exact: true }).click();
  await expect(page.getByText('No entries match these filters.')).toBeVisible();

  // A new entry that matches the filter arrives live; one that does not stays out.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('textbox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Packages', exact: true }).click();
  await expect(table.getByRole('row', { name: /Logged a package/ })).toHaveCount(1);
  await packroom.sim.pressKeys('111111#');
  await callApi(page, 'packages.log', { tracking: 'TBA123456789012', carrier: 'amazon', recipientId: bo.id, shelf: 'B2' });
  await expect(table.getByRole('row', { name: /Logged a package/ })).toHaveCount(2);
  await expect(table.getByRole('row', { name: /Door stayed closed/ })).toHaveCount(0);
});

test('Actividad en español: la puerta, el destinatario y el motivo, en español', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await chooseSpanish(page, 'ada');
  const { bo } = await morning(page, packroom.sim.pressKeys);
  await page.getByRole('tab', { name: 'Actividad' }).click();
  const table = page.getByRole('table', { name: 'Actividad' });

  const denied = table.getByRole('row', { name: /La puerta siguió cerrada/ });
  await expect(denied).toContainText('La puerta');
  await expect(denied).toContainText('Motivo: PIN desconocido');
  const logged = table.getByRole('row', { name: /Registró un paquete/ });
  await expect(logged.getByRole('link', { name: 'Bo Park, 7C' })).toHaveAttribute('href', `#/recipients/${bo.id}`);

  await page.getByRole('textbox', { name: 'Tipo' }).click();
  await page.getByRole('option', { name: 'Puerta', exact: true }).click();
  await expect(logged).toHaveCount(0);
  await expect(denied).toHaveCount(1);
  await page.getByRole('button', { name: 'Quitar filtros' }).click();
  await page.getByRole('textbox', { name: 'Destinatario' }).fill('park');
  await page.getByRole('option', { name: 'Park, Bo — 7C' }).click();
  await expect(logged).toHaveCount(1);
  await expect(denied).toHaveCount(0);

  // The recipient's name is a way to them.
  await logged.getByRole('link', { name: 'Bo Park, 7C' }).click();
  await expect(page).toHaveURL(new RegExp(`#/recipients/${bo.id}$`));
  await expect(page.getByRole('heading', { name: 'Bo Park' })).toBeVisible();
});
