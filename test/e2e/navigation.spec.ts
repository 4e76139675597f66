import { callApi, expect, signIn, test } from './fixtures';

const password = 'correct horse battery';

test('every screen has an address: reload keeps it, Back and Forward move between screens, a row opens its recipient', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const ruth = await callApi(page, 'recipients.create', { firstName: 'Ruth', lastName: "O'Neill", unit: '7C', email: '', phone: '' });

  // A click anywhere on the row (here its unit) opens the recipient, at their own address.
  const list = page.getByRole('table', { name: 'Recipients' });
  await list.getByRole('cell', { name: '7C' }).click();
  const detail = page.getByRole('heading', { name: "Ruth O'Neill" });
  await expect(detail).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/recipients/${ruth.id}$`));
  await page.reload();
  await expect(detail).toBeVisible();

  // The Recipients tab from the detail goes back to the list.
  await page.getByRole('tab', { name: 'Recipients' }).click();
  await expect(page.getByRole('textbox', { name: 'Search' })).toBeVisible();
  await expect(detail).toBeHidden();
  await expect(page).toHaveURL(/#\/recipients$/);

  // Back to the detail, Forward to the list, Back again.
  await page.goBack();
  await expect(detail).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('textbox', { name: 'Search' })).toBeVisible();
  await page.goBack();
  await expect(detail).toBeVisible();

  // Enter on a focused row opens it too.
  await page.getByRole('tab', { name: 'Recipients' }).click();
  await list.getByRole('row').filter({ hasText: '7C' }).focus();
  await page.keyboard.press('Enter');
  await expect(detail).toBeVisible();

  // Settings: a section per address, chosen in the list beside it; reload keeps the section.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings\/door$/);
  await expect(page.getByRole('region', { name: 'Door' })).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'Settings sections' });
  await sections.getByRole('link', { name: 'Devices' }).click();
  await expect(page).toHaveURL(/#\/settings\/devices$/);
  await expect(page.getByRole('region', { name: 'Devices' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Door' })).toBeHidden();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Devices' })).toBeVisible();
  await expect(sections.getByRole('link', { name: 'Devices' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(page.getByRole('region', { name: 'Door' })).toBeVisible();

  // An address that names no screen shows the Recipients list.
  await page.goto(`${packroom.url}/#/nowhere/at/all`);
  await expect(page.getByRole('tab', { name: 'Recipients' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Search' })).toBeVisible();
});

test('a row opens its package, its buttons keep their own action; Quick Actions → Log a package', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  const maria = await callApi(page, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: '', phone: '' });
  const item = await callApi(page, 'packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: maria.id, shelf: 'A3' });

  // Quick Actions → Log a package: the Packages screen, its Tracking number ready for the scanner.
  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Log a package' }).click();
  await expect(page.getByRole('tab', { name: 'Packages' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/#\/packages$/);
  const tracking = page.getByRole('textbox', { name: 'Tracking number' });
  await expect(tracking).toBeFocused();

  // Again from Packages itself, after focus went elsewhere.
  await page.getByRole('textbox', { name: 'Search packages' }).focus();
  await page.getByRole('button', { name: 'Quick Actions' }).click();
  await page.getByRole('menuitem', { name: 'Log a package' }).click();
  await expect(tracking).toBeFocused();

  // The row's own button opens its own dialog, not the package.
  const list = page.getByRole('table', { name: 'Package list' });
  await list.getByRole('button', { name: 'Hand over 1Z999AA10123456784' }).click();
  const handOver = page.getByRole('dialog', { name: 'Hand over package' });
  await expect(handOver).toBeVisible();
  await handOver.getByRole('button', { name: 'Cancel' }).click();
  await expect(handOver).toBeHidden();
  await expect(page).toHaveURL(/#\/packages$/);

  // A click anywhere else on the row opens the package, at its own address; reload keeps it open.
  await list.getByRole('cell', { name: 'A3' }).click();
  const detail = page.getByRole('dialog', { name: 'Package 1Z999AA10123456784' });
  await expect(detail).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/packages/${item.id}$`));
  await page.reload();
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('A3');

  // Its recipient is a link to her.
  await detail.getByRole('link', { name: 'Gómez, María — 12B' }).click();
  await expect(page.getByRole('heading', { name: 'María Gómez' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/recipients/${maria.id}$`));

  // And back: her packages' rows open the package too.
  await page.getByRole('table', { name: "Recipient's packages" }).getByRole('cell', { name: 'A3' }).click();
  await expect(detail).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/packages/${item.id}$`));
});

test('a staff member who is not an admin opening a Settings address sees the Recipients list', async ({ page, packroom }) => {
  packroom.addUser('frontdesk', password, 'staff');
  await signIn(page, packroom.url, 'frontdesk', password);
  await page.goto(`${packroom.url}/#/settings/devices`);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Recipients' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Search' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Devices' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
