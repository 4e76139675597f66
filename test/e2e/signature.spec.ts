import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { callApi, chooseSpanish, expect, openSettings, signIn, test } from './fixtures';

/**
 * Settings → Packages → "Signature at the desk: Always", then the hand-over dialog's signature pad: a dot is refused
 * under the pad and nothing is handed over; a signature drawn with the mouse is kept and shown in the package's
 * detail. Screenshots of the dialog in English and Spanish at 1024 px go to PACKROOM_SHOTS (a temporary folder when unset).
 */
const password = 'correct horse battery';
const shots = process.env.PACKROOM_SHOTS ?? join(tmpdir(), 'packroom-shots');

const shoot = async (page: Page, name: string) => {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled', caret: 'hide' });
};

/** Presses the mouse at each point in turn (fractions of the pad's width and height) and lets go at the last. */
async function draw(page: Page, pad: Locator, points: [number, number][]) {
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(...at(point), { steps: 5 });
  await page.mouse.up();
}

test.use({ viewport: { width: 1024, height: 900 } });

test('Signature at the desk "Always": a dot is refused, a signature drawn with the mouse is kept and shown in the detail', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const aisha = await callApi(page, 'recipients.create', { firstName: 'Aisha', lastName: 'Rahman', unit: '4B', email: '', phone: '' });
  const item = await callApi(page, 'packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: aisha.id, shelf: 'A3' });

  await openSettings(page, 'Packages');
  const card = page.getByRole('region', { name: 'Packages' });
  await card.getByRole('textbox', { name: 'Signature at the desk' }).click();
  await page.getByRole('option', { name: 'Always' }).click();
  await expect(card.getByRole('textbox', { name: 'Keep photos and signatures for (days after pickup)' })).toHaveValue(/^\d+$/);
  await card.getByRole('button', { name: 'Save package settings' }).click();
  await expect(card.getByRole('status')).toHaveText('Settings saved.');
  await card.getByRole('textbox', { name: 'Signature at the desk' }).scrollIntoViewIfNeeded();
  await shoot(page, 'signature-settings-en');

  await page.goto(`${packroom.url}/#/packages`);
  await page
    .getByRole('table', { name: 'Package list' })
    .getByRole('button', { name: `Hand over ${item.tracking}` })
    .click();
  const handOver = page.getByRole('dialog', { name: 'Hand over package' });
  // Always asked for: the pad is there at once, not behind "Add a signature".
  const pad = handOver.getByRole('img', { name: 'Signature of the person collecting' });
  await expect(pad).toBeVisible();
  await expect(handOver.getByRole('button', { name: 'Add a signature' })).toHaveCount(0);

  // A dot: refused under the pad, and the package is still waiting.
  await draw(page, pad, [[0.5, 0.5]]);
  await handOver.getByRole('button', { name: 'Hand over' }).click();
  await expect(pad).toHaveAccessibleDescription(/The signature is empty or too small\. Ask the collector to sign across the box\./);
  expect((await callApi(page, 'packages.get', { id: item.id })).status).toBe('waiting');
  await shoot(page, 'signature-refused-en');
  await expectAccessible(page, 'Hand over with a signature');

  // Cleared, then signed across the box.
  await handOver.getByRole('button', { name: 'Clear' }).click();
  await draw(page, pad, [
    [0.1, 0.7],
    [0.2, 0.3],
    [0.3, 0.7],
    [0.45, 0.3],
    [0.6, 0.7],
    [0.75, 0.35],
    [0.9, 0.6],
  ]);
  await expect(pad).not.toHaveAccessibleDescription(/empty or too small/);
  await shoot(page, 'signature-signed-en');
  await handOver.getByRole('button', { name: 'Hand over' }).click();
  await expect(handOver).toBeHidden();

  await page.goto(`${packroom.url}/#/packages/${item.id}`);
  const detail = page.getByRole('dialog', { name: new RegExp(item.tracking) });
  await expect(detail.getByRole('img', { name: 'Signature' })).toBeVisible();
  await expect(detail).toContainText('Picked up');
  await shoot(page, 'signature-detail-en');

  // The dialog in Spanish: the pad asked for at once.
  const second = await callApi(page, 'packages.log', { tracking: 'TBA123456789012', carrier: 'amazon', recipientId: aisha.id });
  await page.goto(`${packroom.url}/#/packages`);
  await chooseSpanish(page, 'ada');
  await page.getByRole('button', { name: `Entregar ${second.tracking}` }).click();
  const entregar = page.getByRole('dialog', { name: 'Entregar el paquete' });
  const firma = entregar.getByRole('img', { name: 'Firma de quien lo recoge' });
  await draw(page, firma, [[0.5, 0.5]]);
  await entregar.getByRole('button', { name: 'Entregar', exact: true }).click();
  await expect(firma).toHaveAccessibleDescription(/La firma está vacía o es demasiado pequeña/);
  await shoot(page, 'signature-refused-es');
  await page.keyboard.press('Escape');
  await page.goto(`${packroom.url}/#/settings/packages`);
  const tarjeta = page.getByRole('region', { name: 'Paquetes' });
  await expect(tarjeta.getByRole('textbox', { name: 'Firma en el mostrador' })).toHaveValue('Siempre');
  await tarjeta.getByRole('textbox', { name: 'Firma en el mostrador' }).scrollIntoViewIfNeeded();
  await shoot(page, 'signature-settings-es');
});

test('"Off" offers the pad behind "Add a signature"; "For packages marked Signature required" asks for it only for those', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const aisha = await callApi(page, 'recipients.create', { firstName: 'Aisha', lastName: 'Rahman', unit: '4B', email: '', phone: '' });
  const plain = await callApi(page, 'packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: aisha.id });
  const marked = await callApi(page, 'packages.log', {
    tracking: 'TBA123456789012',
    carrier: 'amazon',
    recipientId: aisha.id,
    signatureRequired: true,
  });
  await callApi(page, 'settings.update', { signatureAtDesk: 'off' });
  await page.goto(`${packroom.url}/#/packages`);
  await page.getByRole('button', { name: `Hand over ${plain.tracking}` }).click();
  const handOver = page.getByRole('dialog', { name: 'Hand over package' });
  const pad = handOver.getByRole('img', { name: 'Signature of the person collecting' });
  await expect(handOver.getByRole('button', { name: 'Add a signature' })).toBeVisible();
  await expect(pad).toHaveCount(0);
  await handOver.getByRole('button', { name: 'Add a signature' }).click();
  await expect(pad).toBeVisible();
  await shoot(page, 'signature-optional-en');
  // Nothing drawn: handed over without a signature.
  await handOver.getByRole('button', { name: 'Hand over' }).click();
  await expect(handOver).toBeHidden();
  expect((await callApi(page, 'packages.get', { id: plain.id })).status).toBe('picked_up');

  // Marked Signature required, and the site asks for those: the pad at once, and nothing handed over without it.
  await callApi(page, 'settings.update', { signatureAtDesk: 'flagged' });
  await page.reload();
  await page.getByRole('button', { name: `Hand over ${marked.tracking}` }).click();
  await expect(pad).toBeVisible();
  await expect(handOver.getByRole('button', { name: 'Add a signature' })).toHaveCount(0);
  await handOver.getByRole('button', { name: 'Hand over' }).click();
  await expect(pad).toHaveAccessibleDescription(/This package needs the collector's signature\./);
  expect((await callApi(page, 'packages.get', { id: marked.id })).status).toBe('waiting');
});
