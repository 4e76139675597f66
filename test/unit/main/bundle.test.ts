// The built main bundle (as scripts/build.mjs makes dist/main/index.cjs) must not load the core's
// heavy modules before the single-instance lock: a second instance should quit at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { threadSourcePlugin } from '../../../scripts/threadSource.mjs';
import { createStandIn } from './electronStandIn';

const root = join(import.meta.dirname, '..', '..', '..');
const heavy = ['better-sqlite3', 'nodemailer', 'twilio', 'exceljs', 'node-hid', 'serialport', 'usb', 'zod', 'qrcode', 'csv-parse', 'sirv'];

async function mainBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'main', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    external: ['electron'],
    loader: { '.sql': 'text' },
    plugins: [threadSourcePlugin],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('dist/main/index.cjs', () => {
  it('a second instance requires only Node built-ins and electron, then quits', async () => {
    const code = await mainBundle();
    const electron = createStandIn({ singleInstance: false });
    const required: string[] = [];
    const realRequire = createRequire(join(root, 'dist', 'main', 'index.cjs'));
    const fakeRequire = (id: string) => {
      required.push(id);
      return id === 'electron' ? electron.module : realRequire(id);
    };
    const module = { exports: {} };
    const argv = process.argv;
    const dataDir = mkdtempSync(join(tmpdir(), 'packroom-bundle-'));
    process.argv = ['/opt/Packroom/packroom', '--data', dataDir];
    try {
      new Function('require', 'module', 'exports', '__filename', '__dirname', code)(fakeRequire, module, module.exports, 'index.cjs', root);
    } finally {
      process.argv = argv;
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(electron.called('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(electron.called('app.quit')).toHaveLength(1);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(required.filter((id) => !builtins.has(id) && id !== 'electron')).toEqual([]);
    expect(required.filter((id) => heavy.includes(id))).toEqual([]);
  });

  it('still contains the core, required only once it is needed', async () => {
    const code = await mainBundle();
    // better-sqlite3 is required when the core is built; the messaging SDKs and exceljs are imported when first used.
    for (const id of ['better-sqlite3', 'nodemailer', 'twilio', 'exceljs']) {
      const line = code.split('\n').find((l) => l.includes(`require("${id}")`) || l.includes(`import("${id}")`));
      expect(line, id).toBeDefined();
      expect(line!.startsWith('var '), `${id} is required at the top level`).toBe(false);
    }
  });
});
