import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, chooseSpanish, expect, signIn, test } from './fixtures';

/**
 * A hold set in the Recipient Detail View (calendar, mode) shows "On hold until …" beside the recipient in the package
 * list and at intake; cancelling it from the card ends it. Screenshots in English and Spanish at 1024 px.
 */
const password = 'correct horse battery';
const shots = process.env.PACKROOM_SHOTS ?? join(tmpdir(), 'packroom-shots');
const dayMs = 86_400_000;
const ymd = (t: number) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** A day button of Mantine's calendar, named as it reads it ("8 December 2026"). */
const dayName = (t: number) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(t);

test('a hold set in the recipient’s detail shows "On hold" in the package list and at intake, and is cancelled', async ({
  page,
  packroom,
}) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const maria = await callApi(page, 'recipients.create', {
    firstName: 'María',
    lastName: 'Gómez',
    unit: '12B',
    email: 'maria@example.com',
  });
  await callApi(page, 'packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: maria.id, shelf: 'A3' });

  await page.goto(`${packroom.url}#/recipients/${maria.id}`);
  const card = page.getByRole('region', { name: 'Hold' });
  await expect(card).toContainText('Not on hold.');
  await card.getByRole('button', { name: 'Set a hold' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set a hold' });
  // Today to four days on, picked in the calendar; the calendar may need the next month for the last day.
  const today = Date.now();
  const last = today + 4 * dayMs;
  await dialog.getByRole('button', { name: 'First day away' }).click();
  await page.getByRole('button', { name: dayName(today), exact: true }).click();
  await dialog.getByRole('button', { name: 'Last day away' }).click();
  if (new Date(last).getMonth() !== new Date(today).getMonth()) await page.getByRole('button', { name: /next/i }).last().click();
  await page.getByRole('button', { name: dayName(last), exact: true }).click();
  await expect(dialog.getByRole('radio', { name: /Keep packages at the desk/ })).toBeChecked();
  await page.screenshot({ path: join(shots, 'holds', 'set-hold-en.png') });
  await dialog.getByRole('button', { name: 'Set hold' }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText('On hold from');
  await expect(card).toContainText('reminders wait until the hold ends');
  await card.screenshot({ path: join(shots, 'holds', 'hold-card-en.png') });
  const holds = await callApi(page, 'holds.list', { recipientId: maria.id });
  expect(holds.current).toMatchObject({ from: ymd(today), until: ymd(last), mode: 'keep', state: 'current' });

  // The package list says so beside her name.
  await page.getByRole('tab', { name: 'Packages' }).click();
  const row = page.getByRole('table', { name: 'Package list' }).getByRole('row', { name: /1Z999AA10123456784/ });
  const onHold = `On hold until ${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(last)}`;
  await expect(row).toContainText(onHold);
  // At intake too, once she is chosen.
  await page.getByRole('textbox', { name: 'Recipient' }).fill('gom');
  await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();
  await expect(page.getByRole('status').filter({ hasText: onHold })).toBeVisible();
  await page.screenshot({ path: join(shots, 'holds', 'intake-en.png') });
  await row.screenshot({ path: join(shots, 'holds', 'list-row-en.png') });

  // Spanish: the same screens in the reader's language.
  await chooseSpanish(page, 'ada');
  await page.goto(`${packroom.url}#/packages`);
  await expect(page.getByRole('table', { name: 'Lista de paquetes' }).getByRole('row', { name: /1Z999AA10123456784/ })).toContainText(
    'Retenido hasta el',
  );
  await page.screenshot({ path: join(shots, 'holds', 'intake-es.png') });
  await page
    .getByRole('table', { name: 'Lista de paquetes' })
    .getByRole('row', { name: /1Z999AA10123456784/ })
    .screenshot({ path: join(shots, 'holds', 'list-row-es.png') });
  await page.goto(`${packroom.url}#/recipients/${maria.id}`);
  const tarjeta = page.getByRole('region', { name: 'Retención' });
  await expect(tarjeta).toContainText('Retención del');
  await tarjeta.screenshot({ path: join(shots, 'holds', 'hold-card-es.png') });
  await tarjeta.getByRole('button', { name: 'Cancelar retención' }).click();
  const confirm = page.getByRole('dialog', { name: '¿Cancelar esta retención?' });
  await page.screenshot({ path: join(shots, 'holds', 'cancel-es.png') });
  await confirm.getByRole('button', { name: 'Cancelar retención' }).click();
  await expect(confirm).toBeHidden();
  await expect(tarjeta).toContainText('Sin retención.');
  await tarjeta.getByRole('button', { name: 'Retener paquetes' }).click();
  const dialogo = page.getByRole('dialog', { name: 'Retener paquetes' });
  await dialogo.getByRole('radio', { name: 'Devolver los paquetes tras unos días' }).check();
  await expect(dialogo.getByRole('textbox', { name: 'Días antes de devolver un paquete' })).toHaveValue('7');
  // Days not chosen: refused under each field, in Spanish, before anything is sent.
  await dialogo.getByRole('button', { name: 'Guardar retención' }).click();
  await expect(dialogo).toContainText('Escriba las fechas como AAAA-MM-DD.');
  await page.screenshot({ path: join(shots, 'holds', 'set-hold-es.png') });
  const history = await callApi(page, 'activity.list', { recipientId: maria.id, limit: 20 });
  expect(history.items.map((e) => e.action)).toEqual(expect.arrayContaining(['hold.set', 'hold.cancelled']));
});
