import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { callApi } from './fixtures';
import { test } from './messaging';
import { englishOnPage, expectNoEnglish } from './untranslated';

/**
 * A site whose language is Spanish: staff work in Spanish from the sign-in screen on, the seed's first
 * procedure runs in Spanish words, the recipient gets her PIN in Spanish, and no screen shows English the
 * catalogs translate (what the core says included).
 */
const password = 'correct horse battery';
/** The tests' own data, shown as it was typed: names and addresses are in no language. */
const seeded = ['María', 'Gómez', 'Kim Lee', 'Ruth', 'O’Neill', 'maria@example.com', 'ruth@example.com', 'Mensajero con un paquete grande'];
/** Shown as it is (the site's name is not: unnamed, it is "the package room" in the site's language): the tests' data, and what the simulated USB devices call themselves (as a real device's product name is shown). */
const shownAsIs = [
  ...seeded,
  ...['Simulated door keypad', 'Simulated QR reader', 'www.dcttech.com USBRelay2', 'SIM-KEYPAD', 'SIM-READER'],
  ...['sim:keypad', 'sim:reader', 'sim:relay'],
];

test.use({ siteEnv: { PACKROOM_SITE_LANGUAGE: 'es' } });

async function signInInSpanish(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en Packroom' })).toBeVisible();
  await expectNoEnglish(page, 'sign-in', shownAsIs);
  await page.getByLabel('Nombre de usuario').fill('ada');
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByRole('button', { name: 'Acciones rápidas' })).toBeVisible();
}

test('a Spanish site: Send Single Access PIN in Spanish, the recipient reads it in Spanish, the door answers in Spanish', async ({
  page,
  packroom,
  mailbox,
  smsInbox,
}) => {
  packroom.addUser('ada', password);
  await signInInSpanish(page, packroom.url);
  await callApi(page, 'recipients.create', {
    firstName: 'María',
    lastName: 'Gómez',
    unit: '12B',
    email: 'maria@example.com',
    phone: '(415) 555-0123',
  });
  await page.reload();
  await expect(page.getByRole('row', { name: /Gómez, María/ })).toBeVisible();
  await expectNoEnglish(page, 'Recipients', shownAsIs);

  await page.getByRole('button', { name: 'Acciones rápidas' }).click();
  await page.getByRole('menuitem', { name: 'Enviar PIN de acceso único' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generar clave de acceso de un solo uso' });
  await dialog.getByRole('textbox', { name: 'Destinatario' }).fill('gom');
  await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();
  await dialog.getByRole('button', { name: 'Mostrar más opciones' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Enviar notificación por' })).toHaveValue('Ambos');
  await expectNoEnglish(page, 'Generate One-Time Access Key', shownAsIs);
  await dialog.getByRole('button', { name: 'Generar' }).click();
  const shownPin =
    (await dialog
      .getByRole('status')
      .filter({ hasText: /^\d{6,12}$/ })
      .textContent()) ?? '';
  expect(shownPin).toMatch(/^\d{6,12}$/);
  await expectNoEnglish(page, 'Single Access PIN issued', shownAsIs);
  await dialog.getByRole('button', { name: 'Listo' }).click();

  // Her email and her text are in Spanish (the site's language, as she has none of her own).
  await expect.poll(() => mailbox.messages.filter((m) => /PIN de un solo uso/.test(m.subject ?? '')).length).toBe(1);
  expect(mailbox.messages.find((m) => /PIN de un solo uso/.test(m.subject ?? ''))!.text).toContain(`PIN: ${shownPin}`);
  await expect.poll(() => smsInbox.messages.filter((m) => m.body.includes(`su PIN de un solo uso es ${shownPin}.`)).length).toBe(1);

  // At the keypad: the PIN opens the door, announced in Spanish; the same PIN again is refused, in Spanish.
  await packroom.sim.pressKeys(`${shownPin}#`);
  await expect(page.getByRole('status').filter({ hasText: 'Puerta abierta' }).first()).toContainText('María Gómez');
  await packroom.sim.pressKeys(`${shownPin}#`);
  await expect(page.getByRole('status').filter({ hasText: 'La puerta siguió cerrada' }).first()).toBeVisible();
  await expectNoEnglish(page, 'door events', shownAsIs);
});

test('a Spanish site: every tab, Settings section and Quick Actions dialog without English', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signInInSpanish(page, packroom.url);
  // Add Recipient sent empty: the core's refusal shows in Spanish on the field.
  await page.getByRole('button', { name: 'Acciones rápidas' }).click();
  await page.getByRole('menuitem', { name: 'Añadir destinatario' }).click();
  const add = page.getByRole('dialog', { name: 'Añadir destinatario' });
  await add.getByRole('button', { name: 'Añadir destinatario' }).click();
  await expect(add.locator('[aria-invalid="true"]').first()).toBeVisible();
  await expectNoEnglish(page, 'Add Recipient, refused', shownAsIs);
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();
  // Open Door without a reason, then with one: refused, then opened, in Spanish.
  await page.getByRole('button', { name: 'Acciones rápidas' }).click();
  await page.getByRole('menuitem', { name: 'Abrir la puerta' }).click();
  const open = page.getByRole('dialog', { name: 'Abrir la puerta' });
  await open.getByRole('button', { name: 'Abrir la puerta' }).click();
  await expectNoEnglish(page, 'Open Door, refused', shownAsIs);
  await open.getByRole('textbox', { name: 'Motivo' }).fill('Mensajero con un paquete grande');
  await open.getByRole('button', { name: 'Abrir la puerta' }).click();
  await expect(open).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Puerta abierta' }).first()).toBeVisible();
  await expectNoEnglish(page, 'door opened by staff', shownAsIs);

  // Activity is looked at, rows and all, by the scan of every screen below.
  for (const tab of ['Destinatarios', 'Paquetes', 'Importar', 'Configuración']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await page.waitForLoadState('networkidle');
    // Settings → This computer shows the data folder's log file as it is.
    await expectNoEnglish(page, tab, [...shownAsIs, join(packroom.dataDir, 'logs', 'packroom.log')]);
  }
  // Settings shows one section at a time: each of them.
  const sections = page.getByRole('navigation', { name: 'Secciones de la configuración' });
  for (const section of [
    'Puerta',
    'Paquetes',
    'Acceso de transportistas',
    'Notificaciones',
    'Copias de seguridad',
    'Dispositivos',
    'Personal',
    'Este equipo',
  ]) {
    await sections.getByRole('link', { name: section, exact: true }).click();
    await expect(sections.getByRole('link', { name: section, exact: true })).toHaveAttribute('aria-current', 'page');
    await page.waitForLoadState('networkidle');
    await expectNoEnglish(page, `Configuración → ${section}`, [...shownAsIs, join(packroom.dataDir, 'logs', 'packroom.log')]);
  }
});

const ruthsPackage = '1Z999AA10123456784';
const mariasPackages = ['TBA123456789012', '9400111202555842332669', '1Z12345E6605272234'];

test('a Spanish admin sees no English word on any screen or dialog she can reach', async ({ page, packroom }) => {
  test.slow();
  packroom.addUser('ada', password);
  await signInInSpanish(page, packroom.url);
  await callApi(page, 'settings.update', { lookupPinEnabled: true });
  const maria = await callApi(page, 'recipients.create', {
    firstName: 'María',
    lastName: 'Gómez',
    unit: '12B',
    email: 'maria@example.com',
    phone: '(415) 555-0123',
  });
  const ruth = await callApi(page, 'recipients.create', {
    firstName: 'Ruth',
    lastName: 'O’Neill',
    unit: '7C',
    email: 'ruth@example.com',
    phone: '',
  });
  const [toRecipient, toNeighbour, returned] = await Promise.all(
    mariasPackages.map((tracking) => callApi(page, 'packages.detect', { tracking })),
  ).then((found) =>
    Promise.all(
      found.map((f) =>
        callApi(page, 'packages.log', { tracking: f.tracking, carrier: f.carrier ?? 'other', recipientId: maria.id, shelf: 'B2' }),
      ),
    ),
  );
  await callApi(page, 'packages.handOver', { id: toRecipient!.id, collectedBy: null });
  await callApi(page, 'packages.handOver', { id: toNeighbour!.id, someoneElse: true, collectedBy: 'Kim Lee' });
  await callApi(page, 'packages.returnToSender', { id: returned!.id, reason: 'Mensajero con un paquete grande' });
  await callApi(page, 'packages.log', {
    tracking: ruthsPackage,
    carrier: 'ups',
    recipientId: ruth.id,
    note: 'Mensajero con un paquete grande',
  });
  await packroom.sim.pressKeys('99999999#');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Acciones rápidas' })).toBeVisible();

  // Every screen is looked at; what it finds is listed at the end, all of it, screen by screen.
  const found: string[] = [];
  // Shown as they came: the simulated devices' own names and selectors, and this site's data folder (Settings).
  const data = [...shownAsIs, join(packroom.dataDir, 'logs', 'packroom.log')];
  const look = async (screen: string) => {
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    found.push(...(await englishOnPage(page, data)).map((f) => `${screen}: ${f}`));
  };
  const tab = async (name: string) => {
    await page.getByRole('tab', { name }).click();
    await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  };
  const quickAction = async (name: string) => {
    await page.getByRole('button', { name: 'Acciones rápidas' }).click();
    await page.getByRole('menuitem', { name }).click();
  };
  const close = async (dialog: ReturnType<Page['getByRole']>) => {
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  };

  // Recipients: the list, a recipient's detail with her access, packages and history, her form, her access dialogs.
  await tab('Destinatarios');
  await expect(page.getByRole('row', { name: /Gómez, María/ })).toBeVisible();
  await look('Recipients');
  await page
    .getByRole('row', { name: /Gómez, María/ })
    .getByRole('button')
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /María Gómez/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Historial' }).getByRole('row').nth(1)).toBeVisible();
  await look('Recipient detail');
  await page.getByRole('button', { name: 'Editar', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'Editar destinatario' });
  await expect(form).toBeVisible();
  await look('Recipient form');
  await close(form);
  await page.getByRole('button', { name: 'Opciones de acceso' }).click();
  await look('Access options menu');
  await page.getByRole('menuitem', { name: 'Consultar PIN' }).click();
  const lookup = page.getByRole('dialog', { name: 'Consultar PIN' });
  await lookup.getByRole('checkbox').check();
  await lookup.getByRole('button', { name: 'Mostrar PIN' }).click();
  await expect(lookup.getByText(/Emitido el/)).toBeVisible();
  await look('Look up PIN');
  await close(lookup);
  await quickAction('Enviar PIN de acceso único');
  const single = page.getByRole('dialog', { name: 'Generar clave de acceso de un solo uso' });
  await single.getByRole('textbox', { name: 'Destinatario' }).fill('gom');
  await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();
  await single.getByRole('button', { name: 'Mostrar más opciones' }).click();
  await look('Single Access PIN');
  await single.getByRole('button', { name: 'Generar' }).click();
  await expect(single.getByRole('status').filter({ hasText: /^\d{6,12}$/ })).toBeVisible();
  await look('Single Access PIN issued');
  await single.getByRole('button', { name: 'Listo' }).click();
  await expect(single).toBeHidden();
  await look('Recipient detail, after a Single Access PIN');

  // Packages: overview, intake, the list in each state, hand over, return, shelf check.
  await tab('Paquetes');
  await expect(page.getByRole('table', { name: 'Lista de paquetes' }).getByRole('row', { name: new RegExp(ruthsPackage) })).toBeVisible();
  await look('Packages');
  await page.getByRole('textbox', { name: 'Número de seguimiento' }).fill(ruthsPackage);
  await page.getByRole('textbox', { name: 'Número de seguimiento' }).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Ya registrado' })).toBeVisible();
  await look('Log a package, a number already waiting');
  await page.getByRole('textbox', { name: 'Número de seguimiento' }).fill('');
  for (const show of ['Recogido', 'Devuelto', 'Todos']) {
    await page.getByRole('radiogroup', { name: 'Mostrar' }).getByText(show, { exact: true }).click();
    await expect(page.getByRole('table', { name: 'Lista de paquetes' }).getByRole('row').nth(1)).toBeVisible();
    await look(`Packages: ${show}`);
  }
  await page.getByRole('radiogroup', { name: 'Mostrar' }).getByText('En espera', { exact: true }).click();
  await page.getByRole('button', { name: `Entregar ${ruthsPackage}` }).click();
  const handOver = page.getByRole('dialog', { name: 'Entregar el paquete' });
  await handOver.getByRole('radio', { name: 'Otra persona' }).check();
  await look('Hand over');
  await close(handOver);
  await page.getByRole('button', { name: `Devolver ${ruthsPackage} al remitente` }).click();
  const giveBack = page.getByRole('dialog', { name: 'Devolver al remitente' });
  await giveBack.getByRole('button', { name: 'Devolver al remitente' }).click();
  await expect(giveBack.locator('[aria-invalid="true"]').first()).toBeVisible();
  await look('Return to sender, refused');
  await close(giveBack);
  await page.getByRole('button', { name: 'Revisión de estantes' }).click();
  const shelf = page.getByRole('dialog', { name: 'Revisión de estantes' });
  await shelf.getByRole('button', { name: 'Empezar la revisión de estantes' }).click();
  await shelf.getByRole('textbox', { name: 'Escanee un paquete del estante' }).fill(mariasPackages[0]!);
  await shelf.getByRole('textbox', { name: 'Escanee un paquete del estante' }).press('Enter');
  await shelf.getByRole('textbox', { name: 'Escanee un paquete del estante' }).fill('ZX00427781');
  await shelf.getByRole('textbox', { name: 'Escanee un paquete del estante' }).press('Enter');
  await expect(shelf.getByRole('list', { name: 'Escaneados' }).getByRole('listitem')).toHaveCount(2);
  await look('Shelf check, scanning');
  await shelf.getByRole('button', { name: 'Terminar la revisión de estantes' }).click();
  await expect(shelf.getByText('En el estante, pero nunca registrados')).toBeVisible();
  await look('Shelf check, result');
  await shelf.getByRole('button', { name: 'Listo' }).click();
  await expect(shelf).toBeHidden();

  // Activity, Import, Settings (an admin's every section).
  await tab('Actividad');
  const feed = page.getByRole('tabpanel', { name: 'Actividad' }).getByRole('table').first();
  await expect(feed.getByRole('row').nth(1)).toBeVisible();
  await look('Activity');
  await tab('Importar');
  await look('Import');
  await tab('Configuración');
  await page.waitForLoadState('networkidle');
  await look('Settings');

  // Quick Actions and the account menu: Add Recipient, Open Door, My account, the lock screen.
  await quickAction('Añadir destinatario');
  const add = page.getByRole('dialog', { name: 'Añadir destinatario' });
  await add.getByRole('button', { name: 'Añadir destinatario' }).click();
  await expect(add.locator('[aria-invalid="true"]').first()).toBeVisible();
  await look('Add Recipient, refused');
  await close(add);
  await quickAction('Abrir la puerta');
  const open = page.getByRole('dialog', { name: 'Abrir la puerta' });
  await open.getByRole('button', { name: 'Abrir la puerta' }).click();
  await expect(open.locator('[aria-invalid="true"]').first()).toBeVisible();
  await look('Open Door, refused');
  await close(open);
  await page.getByRole('button', { name: 'Cuenta: ada' }).click();
  await look('Account menu');
  await page.getByRole('menuitem', { name: 'Mi cuenta' }).click();
  const account = page.getByRole('dialog', { name: 'Mi cuenta' });
  await expect(account).toBeVisible();
  await look('My account');
  await close(account);
  await quickAction('Bloquear pantalla');
  await expect(page.getByRole('heading', { name: 'Pantalla bloqueada' })).toBeVisible();
  await look('Lock screen');

  expect(found, 'English words on Spanish screens').toEqual([]);
});
