import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', 'bin', 'packroom.js');

export interface Packroom {
  url: string;
  dataDir: string;
  /** Provisions a staff account through the CLI, as an installer would. */
  addUser(username: string, password: string, role?: 'admin' | 'staff'): void;
}

interface Options {
  packroomEnv: Record<string, string>;
}

/** Each test gets its own `packroom serve` on a free port with an empty data folder. */
export const test = base.extend<Options & { packroom: Packroom }>({
  packroomEnv: [{}, { option: true }],
  packroom: async ({ packroomEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packroom-e2e-'));
    const env = { ...process.env, ...packroomEnv, PACKROOM_DATA: dataDir };
    const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
    await use({
      url,
      dataDir,
      addUser(username, password, role = 'admin') {
        const result = spawnSync(process.execPath, [cli, 'user', 'add', username, '--role', role], { env, input: `${password}\n` });
        if (result.status !== 0) throw new Error(`user add failed: ${result.stderr.toString()}`);
      },
    });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Sign in to Packroom' })).toBeVisible();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
}

export { expect };
