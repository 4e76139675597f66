import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { callApi, chooseSpanish, expect, signIn, test } from './fixtures';

const password = 'correct horse battery';

/** PACKROOM_SHOTS=folder keeps a picture of the header and the alerts list, to look at by eye. */
async function shoot(page: Page, name: string): Promise<void> {
  const folder = process.env.PACKROOM_SHOTS;
  if (folder)
    await page.screenshot({ path: join(folder, `${name}.png`), clip: { x: 0, y: 0, width: page.viewportSize()!.width, height: 420 } });
}

/** What the checks read of an element in the page (the tests are type-checked without the DOM's types). */
interface Drawn {
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  getBoundingClientRect(): { left: number; right: number; top: number };
  querySelector(selector: string): Drawn | null;
}

/** Every badge in the header shows all of its words: none is cut or wider than the box it is drawn in. */
async function expectBadgesWhole(header: Locator, page: Page): Promise<void> {
  const badges = header.locator('.mantine-Badge-root');
  await expect(badges.first()).toBeVisible();
  const width = page.viewportSize()!.width;
  for (const badge of await badges.all()) {
    const box = await badge.evaluate((element) => {
      const root = element as unknown as Drawn;
      const label = root.querySelector('.mantine-Badge-label')!;
      const r = root.getBoundingClientRect();
      return {
        text: root.textContent,
        fits: root.scrollWidth <= root.clientWidth && label.scrollWidth <= label.clientWidth && label.scrollHeight <= label.clientHeight,
        left: r.left,
        right: r.right,
      };
    });
    expect(box.fits, `"${box.text}" is shown whole`).toBe(true);
    expect(box.left >= 0 && box.right <= width, `"${box.text}" is inside the window`).toBe(true);
  }
}

test('a fresh install says No door relay set up, with the way to Settings → Devices', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  // A link to where it is set up, named by its words (not a status region, which hid that it is a link).
  const relay = page.getByRole('banner').getByRole('link', { name: 'No door relay set up' });
  await expect(relay).toBeVisible();
  await expect(relay).toHaveAttribute('href', '#/settings/devices');
  await expect(page.getByRole('banner')).not.toContainText('Relay missing');
});

for (const width of [1280, 1024]) {
  test(`at ${width} px the header badges and the alert count are whole, in English and in Spanish`, async ({ page, packroom }) => {
    await page.setViewportSize({ width, height: 800 });
    packroom.addUser('ada', password);
    await signIn(page, packroom.url, 'ada', password);
    const header = page.getByRole('banner');
    const bell = page.getByRole('button', { name: 'Alerts' });
    // Texts that cannot go out: one standing alert for the channel, not one per recipient.
    for (const [first, phone] of [
      ['Ann', '(415) 555-0101'],
      ['Bo', '(415) 555-0102'],
    ] as const) {
      await callApi(page, 'recipients.create', { firstName: first, lastName: 'Lee', unit: '4B', phone });
    }
    await expect(bell).toHaveAttribute('title', '1 open alert');
    await expect(header.getByText('No door relay set up')).toBeVisible();
    await expectBadgesWhole(header, page);
    await expect(bell).toHaveText('1');
    const countTop = await bell.evaluate(
      (b) => (b as unknown as Drawn).querySelector('.mantine-Indicator-indicator')!.getBoundingClientRect().top,
    );
    expect(countTop, 'the count is inside the window').toBeGreaterThanOrEqual(0);
    await shoot(page, `header-en-${width}`);
    await bell.click();
    await expect(page.getByRole('list', { name: 'Open alerts' }).getByRole('listitem')).toHaveText([
      /^Text messages are not set up: recipients will not get their PINs by text\./,
    ]);
    await shoot(page, `alerts-en-${width}`);
    await page.keyboard.press('Escape');

    await chooseSpanish(page, 'ada');
    await expect(header.getByText('Relé de puerta sin configurar')).toBeVisible();
    await expectBadgesWhole(header, page);
    await shoot(page, `header-es-${width}`);
    await page.getByRole('button', { name: 'Alertas' }).click();
    await expect(page.getByRole('list', { name: 'Alertas abiertas' }).getByRole('listitem')).toHaveText([
      /^Los mensajes de texto no están configurados: los destinatarios no recibirán sus PIN por mensaje de texto\./,
    ]);
    await shoot(page, `alerts-es-${width}`);
  });
}
