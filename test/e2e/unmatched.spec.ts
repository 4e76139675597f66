import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, chooseSpanish, expect, signIn, test } from './fixtures';

/**
 * Put aside and the Unmatched queue (issue 21): a label staff cannot match is put aside from the Log a package form,
 * the header counts the queue and links to it, and a parcel assigned from the queue (its candidates first, by the
 * arrow keys) is then waiting for that person. Screenshots in English and Spanish at 1024 pixels.
 */
const password = 'correct horse battery';
const ups = '1Z999AA10123456784';
const amazon = 'TBA123456789012';
const shots = process.env.PACKROOM_SHOTS ?? join(tmpdir(), 'packroom-shots');

test('put aside from the form, counted in the header, assigned from the queue: then waiting for that person', async ({
  page,
  packroom,
}) => {
  packroom.addUser('ada', password);
  await page.setViewportSize({ width: 1024, height: 900 });
  await signIn(page, packroom.url, 'ada', password);
  const ann = await callApi(page, 'recipients.create', { firstName: 'Ann', lastName: 'Smith', unit: '4B', email: '', phone: '' });
  const amy = await callApi(page, 'recipients.create', { firstName: 'Amy', lastName: 'Smith', unit: '7C', email: '', phone: '' });
  // As the desk camera puts a parcel aside when the label names two people it cannot tell apart.
  await callApi(page, 'packages.putAside', {
    tracking: amazon,
    carrier: 'amazon',
    shelf: 'U1',
    reading: {
      outcome: 'several',
      shipTo: ['A SMITH', '100 MAIN ST'],
      candidates: [
        { recipientId: ann.id, score: 0.6, why: ['initial', 'noUnit'] },
        { recipientId: amy.id, score: 0.6, why: ['initial', 'noUnit'] },
      ],
    },
  });

  await page.getByRole('tab', { name: 'Packages' }).click();
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: '1 unmatched' })).toBeVisible();

  // A label staff cannot match, by hand: scanned, then Put aside with what the label says.
  const tracking = page.getByRole('textbox', { name: 'Tracking number' });
  await expect(tracking).toBeFocused();
  await page.keyboard.type(ups);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Recipient' })).toBeFocused();
  await page.getByRole('button', { name: 'Put aside' }).click();
  const aside = page.getByRole('dialog', { name: 'Put aside' });
  await aside.getByRole('textbox', { name: 'What the label says' }).fill('J. DOE\nACME LOGISTICS');
  await aside.getByRole('textbox', { name: 'Shelf' }).fill('U2');
  await page.screenshot({ path: join(shots, 'put-aside-en.png') });
  await aside.getByRole('button', { name: 'Put aside' }).click();
  await expect(aside).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Put aside ' })).toHaveText(`Put aside ${ups} (UPS) in Unmatched.`);
  await expect(tracking).toBeFocused();
  await expect(banner.getByRole('link', { name: '2 unmatched' })).toBeVisible();

  // The header's link opens the queue: what was read, and whom it may be for.
  await page.getByRole('radiogroup', { name: 'Show' }).getByText('Waiting', { exact: true }).click();
  await banner.getByRole('link', { name: '2 unmatched' }).click();
  await expect(page.getByRole('radio', { name: 'Unmatched (2)' })).toBeChecked();
  const list = page.getByRole('table', { name: 'Package list' });
  await expect(list.getByRole('row')).toHaveCount(3);
  const parcel = list.getByRole('row').filter({ hasText: amazon });
  await expect(parcel).toContainText('A SMITH');
  await expect(parcel).toContainText('Several possible matches');
  await expect(parcel).toContainText('Maybe: Smith, Ann — 4B; Smith, Amy — 7C');
  await expect(list.getByRole('row').filter({ hasText: ups })).toContainText('J. DOE');
  await page.screenshot({ path: join(shots, 'queue-en.png'), fullPage: true });

  // Assign: the candidates first; the arrow key moves from the first to the second.
  await parcel.getByRole('button', { name: `Assign ${amazon}` }).click();
  const assign = page.getByRole('dialog', { name: `Assign ${amazon}` });
  const first = assign.getByRole('radio', { name: /Smith, Ann — 4B/ });
  await expect(first).toBeChecked();
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(assign.getByRole('radio', { name: /Smith, Amy — 7C/ })).toBeChecked();
  await page.screenshot({ path: join(shots, 'assign-en.png') });
  await assign.getByRole('button', { name: 'Assign and notify' }).click();
  await expect(assign).toBeHidden();
  await expect(banner.getByRole('link', { name: '1 unmatched' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Unmatched (1)' })).toBeChecked();

  // Now waiting for Amy, as any package logged for her.
  await page.getByRole('radiogroup', { name: 'Show' }).getByText('Waiting', { exact: true }).click();
  await expect(list.getByRole('row').filter({ hasText: amazon })).toContainText('Smith, Amy — 7C');
  const hers = await callApi(page, 'packages.list', { status: 'waiting', recipientId: amy.id });
  expect(hers.items.map((p) => p.tracking)).toEqual([amazon]);

  // The same in Spanish, at 1024 pixels: the header's count, the queue, the Assign dialog.
  await chooseSpanish(page, 'ada');
  await expect(banner.getByRole('link', { name: '1 sin asignar' })).toBeVisible();
  await banner.getByRole('link', { name: '1 sin asignar' }).click();
  await expect(page.getByRole('radio', { name: 'Sin asignar (1)' })).toBeChecked();
  await banner.screenshot({ path: join(shots, 'header-es-1024.png') });
  await page.screenshot({ path: join(shots, 'queue-es.png'), fullPage: true });
  await page.getByRole('button', { name: `Asignar ${ups}` }).click();
  const asignar = page.getByRole('dialog', { name: `Asignar ${ups}` });
  // No candidates: the roster search is the choice.
  await expect(asignar.getByRole('radio', { name: 'Otra persona: buscar en la lista' })).toBeChecked();
  await page.screenshot({ path: join(shots, 'assign-es.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Apartar' }).click();
  await expect(page.getByRole('dialog', { name: 'Apartar' })).toBeVisible();
  await page.screenshot({ path: join(shots, 'put-aside-es.png') });
});
