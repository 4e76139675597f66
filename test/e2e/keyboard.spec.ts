import type { Locator, Page } from '@playwright/test';
import { callApi, expect, test } from './fixtures';

/**
 * The seed's two procedures for a One-Time Recipient PIN with the keyboard alone: Tab, Enter, arrows
 * and Escape, not one click. Focus goes into each dialog when it opens and back where it was when it closes.
 */
const password = 'correct horse battery';

const hasFocus = (locator: Locator) =>
  locator.evaluate((el) => (el as unknown as { matches(selector: string): boolean }).matches(':focus'));

/** Presses Tab until `target` has focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Presses ArrowDown in an open menu until `item` has focus. */
async function arrowTo(page: Page, item: Locator): Promise<void> {
  for (let i = 0; i < 10; i++) {
    if (await hasFocus(item)) return;
    await page.keyboard.press('ArrowDown');
  }
  await expect(item).toBeFocused();
}

async function signInByKeyboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByLabel('User name')).toBeFocused();
  await page.keyboard.type('ada');
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
}

test('Quick Actions → Send Single Access PIN, keyboard only', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signInByKeyboard(page, packroom.url);
  await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: 'maria@example.com', phone: '' });

  const quickActions = page.getByRole('button', { name: 'Quick Actions' });
  await tabTo(page, quickActions);
  await page.keyboard.press('Enter');
  await arrowTo(page, page.getByRole('menuitem', { name: 'Send Single Access PIN' }));
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Generate One-Time Access Key' });
  const recipient = dialog.getByRole('textbox', { name: 'Recipient' });
  await expect(recipient).toBeFocused();
  await page.keyboard.type('gom');
  await expect(page.getByRole('option', { name: 'Gómez, María — 12B' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(recipient).toHaveValue('Gómez, María — 12B');

  await tabTo(page, dialog.getByRole('button', { name: 'Show more options' }));
  await page.keyboard.press('Enter');
  const via = dialog.getByRole('textbox', { name: 'Send notification via' });
  await tabTo(page, via);
  await expect(via).toHaveValue('Email');
  await tabTo(page, dialog.getByRole('button', { name: 'Generate' }));
  await page.keyboard.press('Enter');

  await expect(dialog.getByRole('status', { name: 'Single Access PIN' })).toHaveText(/^\d{6,12}$/);
  const done = dialog.getByRole('button', { name: 'Done' });
  await expect(done).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(quickActions).toBeFocused();

  // Escape closes a dialog and puts focus back too.
  await page.keyboard.press('Enter');
  await arrowTo(page, page.getByRole('menuitem', { name: 'Open Door' }));
  await page.keyboard.press('Enter');
  const openDoor = page.getByRole('dialog', { name: 'Open Door' });
  await expect(openDoor.getByRole('textbox', { name: 'Reason' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(openDoor).toBeHidden();
  await expect(quickActions).toBeFocused();
});

test('Recipients tab → Shield → Send Single Access PIN, keyboard only', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signInByKeyboard(page, packroom.url);
  await callApi(page, 'recipients.create', { firstName: 'Sam', lastName: 'Lee', unit: '4A', email: '', phone: '(415) 555-0199' });

  // The Search field has focus on the Recipients tab: type the name, Enter searches.
  const search = page.getByRole('textbox', { name: 'Search' });
  await tabTo(page, search);
  await page.keyboard.type('Lee');
  await page.keyboard.press('Enter');
  const view = page.getByRole('row', { name: /Lee, Sam/ }).getByRole('button', { name: 'View' });
  await tabTo(page, view);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Recipient Detail View · Unit 4A')).toBeVisible();

  const shield = page.getByRole('button', { name: 'Access options' });
  await tabTo(page, shield);
  await page.keyboard.press('Enter');
  await arrowTo(page, page.getByRole('menuitem', { name: 'Send Single Access PIN' }));
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Generate One-Time Access Key' });
  await expect(dialog.getByRole('textbox', { name: 'Recipient' })).toBeFocused();
  await expect(dialog.getByRole('textbox', { name: 'Send notification via' })).toHaveValue('SMS (text)');
  await tabTo(page, dialog.getByRole('button', { name: 'Generate' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status', { name: 'Single Access PIN' })).toHaveText(/^\d{6,12}$/);
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(shield).toBeFocused();
  await expect(page.getByRole('table', { name: 'Single Access PINs' }).getByRole('row')).toHaveCount(2);
});

test('Packages → Log a package, a batch keyboard only: the scanner types the number and Enter', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signInByKeyboard(page, packroom.url);
  await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: '', phone: '' });
  await callApi(page, 'recipients.create', { firstName: 'Sam', lastName: 'Lee', unit: '4A', email: '', phone: '' });
  await callApi(page, 'recipients.create', { firstName: 'Sara', lastName: 'Lee', unit: '4B', email: '', phone: '' });

  // Tab to the selected tab, then arrows along the tab list to Packages.
  await tabTo(page, page.getByRole('tab', { name: 'Recipients' }));
  const packagesTab = page.getByRole('tab', { name: 'Packages' });
  for (let i = 0; i < 6 && !(await hasFocus(packagesTab)); i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(packagesTab).toHaveAttribute('aria-selected', 'true');
  const tracking = page.getByRole('textbox', { name: 'Tracking number' });
  await expect(tracking).toBeFocused();

  const batch = [
    { number: '1Z999AA10123456784', search: 'gom', recipient: 'Gómez, María — 12B', name: 'María Gómez' },
    { number: 'TBA123456789012', search: 'lee', recipient: 'Lee, Sara — 4B', name: 'Sara Lee' },
    { number: '420902109400111202555842332669', search: 'lee', recipient: 'Lee, Sam — 4A', name: 'Sam Lee' },
  ];
  const recipient = page.getByRole('textbox', { name: 'Recipient' });
  const shelf = page.getByRole('textbox', { name: 'Shelf' });
  for (const [i, p] of batch.entries()) {
    await page.keyboard.type(p.number);
    await page.keyboard.press('Enter');
    await expect(recipient).toBeFocused();
    await page.keyboard.type(p.search);
    const option = page.getByRole('option', { name: p.recipient });
    await expect(option).toBeVisible();
    // Arrows move through the list (both Lees are offered for "lee"); Enter chooses.
    for (let n = 0; n < 5 && (await option.getAttribute('data-combobox-selected')) === null; n++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(recipient).toHaveValue(p.recipient);
    await expect(shelf).toBeFocused();
    // The shelf is kept for the next package of the batch.
    if (i === 0) await page.keyboard.type('A3');
    else await expect(shelf).toHaveValue('A3');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Logged ' })).toHaveText(
      new RegExp(`^Logged \\S*${p.number.slice(-12)} \\(\\w+\\) for ${p.name}, shelf A3\\.$`),
    );
    await expect(tracking).toBeFocused();
    await expect(tracking).toHaveValue('');
  }

  const list = page.getByRole('table', { name: 'Package list' });
  await expect(list.getByRole('row')).toHaveCount(batch.length + 1);
  for (const p of batch) {
    await expect(list.getByRole('row', { name: new RegExp(p.number.slice(-12)) })).toContainText(new RegExp(`${p.recipient}.*A3.*Waiting`));
  }
});
