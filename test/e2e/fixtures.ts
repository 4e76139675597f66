import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope, MethodInput, MethodName, MethodResult } from '../../src/contract';

const cli = join(import.meta.dirname, '..', '..', 'bin', 'packroom.js');

export interface Packroom {
  url: string;
  dataDir: string;
  /** Provisions a staff account through the CLI, as an installer would. */
  addUser(username: string, password: string, role?: 'admin' | 'staff'): void;
  /** The simulated door (`packroomDevices: 'sim'`), driven over its /sim endpoints as the /sim page does. */
  sim: SimDoor;
}

export interface RelayPulse {
  channel: number;
  openedAt: string;
  closedAt: string | null;
}

export interface SimDoor {
  pressKeys(keys: string): Promise<void>;
  relay(): Promise<{ open: boolean; pulses: RelayPulse[] }>;
  advanceClock(ms: number): Promise<void>;
}

interface Options {
  packroomEnv: Record<string, string>;
  /** 'sim' starts the host with the simulated keypad, QR reader and relay (`--devices sim`). */
  packroomDevices: 'sim' | null;
}

/** Each test gets its own `packroom serve` on a free port with an empty data folder. */
export const test = base.extend<Options & { packroom: Packroom }>({
  packroomEnv: [{}, { option: true }],
  packroomDevices: [null, { option: true }],
  packroom: async ({ packroomEnv, packroomDevices }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packroom-e2e-'));
    const env = { ...process.env, ...packroomEnv, PACKROOM_DATA: dataDir };
    // The label reader loads at the first read: most tests read no label, and its models cost seconds of CPU each.
    const args = [cli, 'serve', '--port', '0', '--labels', 'on-demand', ...(packroomDevices ? ['--devices', packroomDevices] : [])];
    const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
      sim: simDoor(url),
    });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export function simDoor(url: string): SimDoor {
  async function post(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: url },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  }
  return {
    pressKeys: (keys) => post('/sim/keypad', { keys }),
    advanceClock: (ms) => post('/sim/clock', { advanceMs: ms }),
    async relay() {
      const response = await fetch(`${url}/sim/relay`);
      if (!response.ok) throw new Error(`GET /sim/relay answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { open: boolean; pulses: RelayPulse[] };
    },
  };
}

/** Calls the API as the signed-in page would (its cookie, its origin), to set up data a test is not about. */
export async function callApi<M extends MethodName>(page: Page, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const envelope = (await page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as unknown;
    },
    [method, input] as const,
  )) as Envelope<MethodResult<M>>;
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return envelope.result;
}

export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Sign in to Packroom' })).toBeVisible();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Quick Actions' })).toBeVisible();
}

/** Settings → one section, as an admin chooses it: the Settings tab, then the section in the list beside it. */
export async function openSettings(
  page: Page,
  section: string,
  names: { tab: string; sections: string } = { tab: 'Settings', sections: 'Settings sections' },
): Promise<void> {
  await page.getByRole('tab', { name: names.tab }).click();
  await page.getByRole('navigation', { name: names.sections }).getByRole('link', { name: section, exact: true }).click();
}

/** My account → Language: Español, as a staff member chooses their own screen language; the dialog is closed after. */
export async function chooseSpanish(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: `Account: ${username}` }).click();
  await page.getByRole('menuitem', { name: 'My account' }).click();
  const account = page.getByRole('dialog', { name: 'My account' });
  await account.getByRole('textbox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await account.getByRole('button', { name: 'Save my language' }).click();
  await expect(page.getByRole('dialog', { name: 'Mi cuenta' }).getByRole('status')).toHaveText('Su idioma se ha guardado.');
  await page.keyboard.press('Escape');
}

/** Clicks the keys on the /sim page's keypad, each press answered before the next, as a person types. */
export async function typeOnKeypad(door: Page, keys: string): Promise<void> {
  const keypad = door.getByRole('group', { name: 'Keypad' });
  for (const key of keys) {
    const answered = door.waitForResponse((r) => r.url().endsWith('/sim/keypad'));
    await keypad.getByRole('button', { name: key, exact: true }).click();
    expect((await answered).ok(), `key ${key} reached the keypad`).toBe(true);
  }
}

export { expect };
