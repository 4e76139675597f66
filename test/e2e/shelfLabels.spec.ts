import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { callApi, chooseSpanish, expect, openSettings, signIn, test } from './fixtures';

/**
 * Shelf labels at the desk: a batch printed (its page made into a PDF by headless Chromium, one page per label, at the
 * label's size), then a label's QR code "scanned" (the USB scanner types its text and Enter) opens its package.
 * PACKROOM_SHOTS=folder keeps the screens and a label, in English and Spanish.
 */
const password = 'correct horse battery';
const shots = process.env.PACKROOM_SHOTS ?? join(tmpdir(), 'packroom-shots');
const packages = ['1Z999AA10123456784', 'TBA123456789012', '9400111202555842332669'];

const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled', caret: 'hide' });

/** The print frame's page as the printer gets it (the frame's own window.print is counted, not a dialog). */
const printFrame = (page: Page) => page.frameLocator('#packroom-shelf-labels');

test('a batch of shelf labels prints to a PDF of one page per label; a scanned label opens its package', async ({ page, packroom }) => {
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1024, height: 900 });
  // Every frame's print() is counted instead of opening a dialog (the label frame is one of them).
  await page.addInitScript(() => {
    const frame = globalThis as unknown as { print: () => void; top: { prints?: number } };
    frame.print = () => {
      frame.top.prints = (frame.top.prints ?? 0) + 1;
    };
  });
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const maria = await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B' });
  for (const [i, tracking] of packages.entries()) {
    const carrier = (['ups', 'amazon', 'usps'] as const)[i]!;
    await callApi(page, 'packages.log', { tracking, carrier, recipientId: maria.id, shelf: i === 2 ? '' : 'A3' });
  }

  await page.getByRole('tab', { name: 'Packages' }).click();
  await expect(page.getByRole('table', { name: 'Package list' }).getByRole('row')).toHaveCount(4);
  await page.getByRole('button', { name: 'Print labels' }).click();
  const today = page.getByRole('menuitem', { name: 'Logged today, still waiting (3)' });
  await expect(today).toBeEnabled();
  await shoot(page, 'print-menu-en');
  await today.click();
  await expect(page.getByRole('status').filter({ hasText: 'labels sent' })).toHaveText('3 labels sent to the printer.');
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { prints?: number }).prints)).toBe(1);
  await expect(printFrame(page).locator('section.label')).toHaveCount(3);
  const frame = page.frame({ url: 'about:srcdoc' })!;
  const html = await frame.content();
  // Each label's QR code by the tracking number's last four it shows.
  const labels = (await printFrame(page)
    .locator('section.label')
    .evaluateAll((sections) =>
      sections.map((l) => {
        const label = l as unknown as { getAttribute: (name: string) => string; querySelector: (s: string) => { textContent: string } };
        return [label.querySelector('.last4').textContent, label.getAttribute('data-code')] as const;
      }),
    )) as (readonly [string, string])[];
  const codeOf = (tracking: string) => new Map(labels).get(tracking.slice(-4))!;

  // The page as a PDF, at the size its @page asks: three pages of 62 × 40 mm (175.7 × 113.4 points).
  const labelsPage = await page.context().newPage();
  await labelsPage.setContent(html);
  const pdf = (await labelsPage.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(3);
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf)!;
  expect(Number(box[1])).toBeCloseTo(175.7, 0);
  expect(Number(box[2])).toBeCloseTo(113.4, 0);
  await labelsPage.setViewportSize({ width: 240, height: 160 });
  await labelsPage
    .locator('section.label')
    .first()
    .screenshot({ path: join(shots, 'label-62mm.png') });
  await labelsPage.close();

  // The desk's scanner types the label's QR code into the focused field (Tracking number) and Enter: the package opens.
  const tracking = page.getByRole('textbox', { name: 'Tracking number' });
  await tracking.focus();
  await page.keyboard.type(codeOf(packages[1]!));
  await page.keyboard.press('Enter');
  const detail = page.getByRole('dialog', { name: `Package ${packages[1]}` });
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('button', { name: /^Hand over/ })).toBeVisible();
  await expect(tracking).toHaveValue('');
  await shoot(page, 'scanned-label-opens-en');
  await detail.getByRole('button', { name: /^Hand over/ }).click();
  await page.getByRole('dialog', { name: 'Hand over package' }).getByRole('button', { name: 'Hand over', exact: true }).click();
  await expect(detail.getByText('Picked up')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Package list' }).getByRole('row')).toHaveCount(3);
  await page.keyboard.press('Escape');

  // A label of a package this desk does not have (yet): said, and nothing opens.
  await tracking.focus();
  await page.keyboard.type(`PKR1:${'F'.repeat(32)}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: "This shelf label's package is not in this desk's package log" })).toBeVisible();

  // Intake's switch and this computer's label settings.
  await page.getByRole('switch', { name: /^Print shelf label/ }).check();
  await expect(page.getByRole('switch', { name: /^Print shelf label/ })).toBeChecked();
  await shoot(page, 'intake-en');
  await openSettings(page, 'This computer');
  const card = page.getByRole('region', { name: 'Shelf labels' });
  await expect(card.getByRole('switch', { name: /^Print a shelf label/ })).toBeChecked();
  await card.getByRole('textbox', { name: 'Label size' }).click();
  await page.getByRole('option', { name: '4 × 6 in' }).click();
  await card.getByRole('button', { name: 'Save shelf labels' }).click();
  await expect(card.getByRole('status')).toBeVisible();
  await expectAccessible(page, 'Settings → This computer → Shelf labels', 'section[aria-labelledby="settings-shelf-labels"]');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(shots, 'settings-en.png') });
  const big = await callApi(page, 'shelfLabels.sheet', { ids: [1], language: 'en' });
  expect(big).toMatchObject({ size: '4x6' });
  const bigPage = await page.context().newPage();
  await bigPage.setContent(big.html);
  await bigPage.setViewportSize({ width: 400, height: 600 });
  await bigPage.locator('section.label').screenshot({ path: join(shots, 'label-4x6.png') });
  await bigPage.close();

  // The same screens in Spanish.
  await chooseSpanish(page, 'ada');
  await page.getByRole('region', { name: 'Etiquetas de estante' }).screenshot({ path: join(shots, 'settings-es.png') });
  await page.getByRole('tab', { name: 'Paquetes' }).click();
  await expect(page.getByRole('switch', { name: /^Imprimir etiqueta de estante/ })).toBeChecked();
  await shoot(page, 'intake-es');
  await page.getByRole('button', { name: 'Imprimir etiquetas' }).click();
  await expect(page.getByRole('menuitem', { name: 'Registrados hoy, aún en espera (2)' })).toBeEnabled();
  await shoot(page, 'print-menu-es');
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Número de seguimiento' }).focus();
  await page.keyboard.type(codeOf(packages[0]!));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: new RegExp(packages[0]!) })).toBeVisible();
  await shoot(page, 'scanned-label-opens-es');
});
