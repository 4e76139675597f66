import { expect, type Page } from '@playwright/test';
import { callApi } from './fixtures';
import { test } from './messaging';
import { expectNoEnglish } from './untranslated';

/**
 * A site whose language is Spanish: staff work in Spanish from the sign-in screen on, the seed's first
 * procedure runs in Spanish words, the recipient gets her PIN in Spanish, and no screen shows English the
 * catalogs translate (what the core says included).
 */
const password = 'correct horse battery';
/** What the simulated USB devices call themselves, as a real device's own product name is shown. */
const simulatedDevices = ['Simulated door keypad', 'Simulated QR reader'];

test.use({ siteEnv: { PACKROOM_SITE_LANGUAGE: 'es' } });

async function signInInSpanish(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en Packroom' })).toBeVisible();
  await expectNoEnglish(page, 'sign-in');
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
  await expectNoEnglish(page, 'Recipients');

  await page.getByRole('button', { name: 'Acciones rápidas' }).click();
  await page.getByRole('menuitem', { name: 'Enviar PIN de acceso único' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generar clave de acceso de un solo uso' });
  await dialog.getByRole('textbox', { name: 'Destinatario' }).fill('gom');
  await page.getByRole('option', { name: 'Gómez, María — 12B' }).click();
  await dialog.getByRole('button', { name: 'Mostrar más opciones' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Enviar notificación por' })).toHaveValue('Ambos');
  await expectNoEnglish(page, 'Generate One-Time Access Key');
  await dialog.getByRole('button', { name: 'Generar' }).click();
  const shownPin =
    (await dialog
      .getByRole('status')
      .filter({ hasText: /^\d{6,12}$/ })
      .textContent()) ?? '';
  expect(shownPin).toMatch(/^\d{6,12}$/);
  await expectNoEnglish(page, 'Single Access PIN issued');
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
  await expectNoEnglish(page, 'door events');
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
  await expectNoEnglish(page, 'Add Recipient, refused');
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();
  // Open Door without a reason, then with one: refused, then opened, in Spanish.
  await page.getByRole('button', { name: 'Acciones rápidas' }).click();
  await page.getByRole('menuitem', { name: 'Abrir la puerta' }).click();
  const open = page.getByRole('dialog', { name: 'Abrir la puerta' });
  await open.getByRole('button', { name: 'Abrir la puerta' }).click();
  await expectNoEnglish(page, 'Open Door, refused', simulatedDevices);
  await open.getByRole('textbox', { name: 'Motivo' }).fill('Mensajero con un paquete grande');
  await open.getByRole('button', { name: 'Abrir la puerta' }).click();
  await expect(open).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Puerta abierta' }).first()).toBeVisible();
  await expectNoEnglish(page, 'door opened by staff', simulatedDevices);

  for (const tab of ['Destinatarios', 'Paquetes', 'Actividad', 'Importar', 'Configuración']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await page.waitForLoadState('networkidle');
    await expectNoEnglish(page, tab, simulatedDevices);
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
    await expectNoEnglish(page, `Configuración → ${section}`, simulatedDevices);
  }
});
