import { chooseSpanish, expect, signIn, test } from './fixtures';

const password = 'correct horse battery';
const dir = '/tmp/shots-renderer';

for (const lang of ['en', 'es'] as const) {
  test(`forms with their errors (${lang})`, async ({ page, packroom }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 1280, height: 1000 });
    packroom.addUser('ada', password);
    await signIn(page, packroom.url, 'ada', password);
    if (lang === 'es') await chooseSpanish(page, 'ada');
    const es = lang === 'es';

    // Add recipient: every error at once.
    await page.getByRole('button', { name: es ? 'Añadir destinatario' : 'Add Recipient' }).first().click();
    const recipient = page.getByRole('dialog');
    await recipient.getByRole('textbox', { name: es ? 'Correo electrónico' : 'Email' }).fill('a@');
    await recipient.getByRole('button', { name: es ? 'Añadir destinatario' : 'Add Recipient' }).click();
    await expect(recipient.getByText(es ? 'Escriba el nombre.' : 'Enter first name.')).toBeVisible();
    await page.screenshot({ path: `${dir}/recipient-${lang}.png` });
    await page.keyboard.press('Escape');

    // Single Access PIN: no recipient chosen.
    await page.getByRole('button', { name: es ? 'Acciones rápidas' : 'Quick Actions' }).click();
    await page.getByRole('menuitem').nth(1).click();
    const pin = page.getByRole('dialog');
    await pin.getByRole('button', { name: es ? 'Generar' : 'Generate' }).click();
    await pin.getByRole('button', { name: es ? 'Mostrar más opciones' : 'Show more options' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${dir}/single-access-pin-${lang}.png` });
    await page.keyboard.press('Escape');

    // Log a package: a number too short, then Log package.
    await page.getByRole('tab', { name: es ? 'Paquetes' : 'Packages' }).click();
    const tracking = page.getByRole('textbox', { name: es ? 'Número de seguimiento' : 'Tracking number' });
    await tracking.fill('1Z9');
    await tracking.press('Enter');
    await page.getByRole('button', { name: es ? 'Registrar el paquete' : 'Log package' }).click();
    await expect(page.getByText(es ? 'Elija el transportista.' : 'Choose the carrier.')).toBeVisible();
    await page.screenshot({ path: `${dir}/log-a-package-${lang}.png` });

    // Settings: a door pulse out of range, the add-staff dialog.
    await page.getByRole('tab', { name: es ? 'Configuración' : 'Settings' }).click();
    const door = page.locator('section', { has: page.getByRole('heading', { name: es ? 'Puerta' : 'Door' }) }).first();
    const pulse = door.getByRole('textbox').first();
    await pulse.fill('99');
    await door.getByRole('button').last().click();
    await page.waitForTimeout(1000);
    await door.screenshot({ path: `${dir}/settings-door-${lang}.png` });
    await page.getByRole('button', { name: es ? 'Añadir cuenta de personal' : 'Add staff account' }).first().click().catch(() => undefined);
    const staff = page.getByRole('dialog');
    await staff.getByRole('button').last().click().catch(() => undefined);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${dir}/staff-${lang}.png` });
  });
}
