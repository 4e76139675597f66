import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer } from '../helpers/natsServer';
import { expectAccessible } from './a11y';
import { callApi, chooseSpanish, expect, openSettings, signIn, test } from './fixtures';

/**
 * Several PCs, one building (issue 20), as the desk sees it: a node cut off from the site's NATS server says since
 * when and how many changes wait, in the header and in Settings → This computer, and says nothing once it is back.
 * Two `packroom serve`s on two data folders: the lobby desk and the door PC, both empty when `packroom site init`
 * made them nodes of one site (until `site join` exists, the second empty folder is made a node the same way).
 */
const cli = join(import.meta.dirname, '..', '..', 'bin', 'packroom.js');
const password = 'correct horse battery';
const shots = process.env.PACKROOM_SHOTS ?? join(tmpdir(), 'packroom-shots');

function run(args: string[], env: NodeJS.ProcessEnv, input?: string): void {
  const result = spawnSync(process.execPath, [cli, ...args], { env, input });
  if (result.status !== 0) throw new Error(`packroom ${args.join(' ')} failed: ${result.stderr.toString()}`);
}

async function serve(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--labels', 'on-demand', '--data', dataDir], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`packroom serve exited with ${code}: ${stderr}`)));
  });
  return { url, child };
}

test('a desk cut off from the other computers says since when and how many changes wait, and nothing once it is back', async ({ page }) => {
  const nats = await startNatsServer();
  const deskDir = mkdtempSync(join(tmpdir(), 'packroom-e2e-desk-'));
  const doorDir = mkdtempSync(join(tmpdir(), 'packroom-e2e-door-'));
  const env = { ...process.env, PACKROOM_DATA: deskDir };
  run(['site', 'init', '--sync', nats.url, '--site', 'maple-court', '--node', 'lobby-desk'], env);
  run(['user', 'add', 'ada', '--role', 'admin'], env, `${password}\n`);
  const doorEnv = { ...process.env, PACKROOM_DATA: doorDir };
  run(['site', 'init', '--sync', nats.url, '--site', 'maple-court', '--node', 'door-pc'], doorEnv);
  run(['user', 'add', 'ada', '--role', 'admin'], doorEnv, `${password}\n`);
  const { url, child } = await serve(deskDir, env);
  const door = await serve(doorDir, doorEnv);
  try {
    // One change at the door, so the desk has heard from it.
    const doorPage = await page.context().newPage();
    await signIn(doorPage, door.url, 'ada', password);
    await callApi(doorPage, 'recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await doorPage.close();
    await signIn(page, url, 'ada', password);
    await openSettings(page, 'This computer');
    const card = page.getByRole('region', { name: 'Other computers in this building' });
    await expect(card).toContainText('Site maple-court, this computer: lobby-desk');
    await expect(card).toContainText('Connected to the other computers');
    // Read again every 30 s: reload rather than wait for it.
    await expect(async () => {
      await page.reload();
      await expect(card.getByRole('row', { name: /door-pc/ })).toBeVisible({ timeout: 2_000 });
    }).toPass();
    const badge = page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /desks|mostradores|Sending|Enviando/ });
    await expect(badge).toHaveCount(0);

    await nats.stop();
    await expect(badge).toContainText('Not connected to the other desks since');
    await callApi(page, 'recipients.create', { firstName: 'Bo', lastName: 'Diaz', unit: '2B' });
    await callApi(page, 'recipients.create', { firstName: 'Cy', lastName: 'Ng', unit: '3C' });
    // Each creation waits with what goes with it (its audit row): a count, whatever it is.
    await expect(badge).toContainText(/— \d+ changes waiting/);
    await expect(card).toContainText('Not connected since');
    await expect(card).toContainText(/\d+ changes made here waiting to be sent/);
    await expectAccessible(page, 'Settings → This computer, cut off', 'section[aria-labelledby="settings-site-status"]');
    await card.screenshot({ path: join(shots, 'ops-card-en.png') });
    await page.getByRole('banner').screenshot({ path: join(shots, 'ops-badge-en.png') });

    await chooseSpanish(page, 'ada');
    await expect(badge).toContainText('Sin conexión con los otros mostradores desde las');
    await expect(badge).toContainText(/— \d+ cambios en espera/);
    const tarjeta = page.getByRole('region', { name: 'Otros equipos de este edificio' });
    await expect(tarjeta).toContainText(/\d+ cambios hechos aquí en espera de envío/);
    await tarjeta.screenshot({ path: join(shots, 'ops-card-es.png') });
    // The narrowest screen the header is made for, in the longer language.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('banner').screenshot({ path: join(shots, 'ops-badge-es-1024.png') });

    await nats.start();
    await expect(tarjeta).toContainText('Conectado con los otros equipos');
    await expect(badge).toHaveCount(0);
    await expect(tarjeta).toContainText('0 cambios hechos aquí en espera de envío');
  } finally {
    for (const c of [child, door.child]) {
      c.kill('SIGTERM');
      await new Promise((resolve) => c.once('exit', resolve));
    }
    await nats.dispose();
    rmSync(deskDir, { recursive: true, force: true });
    rmSync(doorDir, { recursive: true, force: true });
  }
});

test('a single PC says it works alone and where IT reads how to connect it, and runs nothing of sync', async ({ page, packroom }) => {
  packroom.addUser('ada', password);
  await signIn(page, packroom.url, 'ada', password);
  await openSettings(page, 'This computer');
  const card = page.getByRole('region', { name: 'Other computers in this building' });
  await expect(card).toContainText('This computer works alone');
  await expect(card).toContainText('docs/install.md');
  expect(await callApi(page, 'site.status', {})).toBeNull();
  await expect(
    page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /Not connected|Sending/ }),
  ).toHaveCount(0);
  await card.screenshot({ path: join(shots, 'ops-card-alone-en.png') });
});
