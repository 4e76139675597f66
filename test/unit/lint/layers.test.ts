import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints one import line as if it were a file at `path` (the file need not exist): the rules apply by folder. */
async function importErrors(path: string, line: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${line}\nexport const used = x;\n`, { filePath: join(root, path) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: [path: string, line: string, because: RegExp][] = [
  ['src/domain/fixture.ts', "import x from 'node:fs';", /pure/],
  ['src/domain/fixture.ts', "import x from 'fs';", /pure/],
  ['src/domain/roster/fixture.ts', "import x from 'better-sqlite3';", /src\/db/],
  ['src/domain/fixture.ts', "import x from '../db/open';", /below db/],
  ['src/domain/fixture.ts', "import x from '../services/audit';", /below services/],
  ['src/domain/fixture.ts', "import x from '../host/server';", /below host/],
  ['src/domain/fixture.ts', "import x from '../cli/args';", /below cli/],
  ['src/domain/fixture.ts', "import x from '../../native/hid/keys';", /below native/],
  ['src/db/repositories/fixture.ts', "import x from '../../services/audit';", /below services/],
  ['src/db/fixture.ts', "import x from '../host/server';", /below host/],
  ['src/db/fixture.ts', "import x from '../cli/args';", /below cli/],
  ['src/services/fixture.ts', "import x from 'better-sqlite3';", /src\/db/],
  ['src/host/fixture.ts', "import x from 'better-sqlite3';", /src\/db/],
  ['src/services/fixture.ts', "import x from 'nodemailer';", /notifications/],
  ['src/services/roster/fixture.ts', "import x from 'twilio';", /notifications/],
  ['src/services/fixture.ts', "import x from 'node-hid';", /native/],
  ['src/services/fixture.ts', "import x from 'serialport';", /native/],
  ['src/cli/fixture.ts', "import x from 'usb';", /native/],
  ['src/services/fixture.ts', "import x from 'exceljs';", /roster\/file/],
  ['src/services/labels/worker.ts', "import x from 'tesseract.js';", /labels\/engine/],
  ['src/cli/fixture.ts', "import x from 'sharp';", /labels\/engine/],
  ['src/services/attachments/service.ts', "import x from 'sharp';", /attachments\/image/],
  ['src/services/attachments/image.ts', "import x from 'tesseract.js';", /labels\/engine/],
  ['src/domain/labels/fixture.ts', "import x from 'zxing-wasm/reader';", /labels\/engine/],
  ['src/services/fixture.ts', "import x from '../host/server';", /below host/],
  ['src/services/notifications/fixture.ts', "import x from '../../cli/args';", /below cli/],
  ['src/services/fixture.ts', "import x from 'electron';", /plain Node/],
  ['native/fixture.ts', "import x from 'electron';", /plain Node/],
  ['native/devices/fixture.ts', "import x from '../../src/services/audit';", /device types/],
  ['native/devices/fixture.ts', "import x from '../../src/contract';", /device types/],
  ['native/fixture.ts', "import x from 'better-sqlite3';", /src\/db/],
  ['src/contract/fixture.ts', "import x from '../services/audit';", /nothing from the rest/],
  ['src/contract/fixture.ts', "import x from 'node:crypto';", /renderer too/],
  ['main/channels.ts', "import x from 'zod';", /zod/],
  ['main/channels.ts', "import x from '../src/contract';", /zod-free/],
  ['main/policy.ts', "import x from 'electron';", /unit-tested without it/],
  ['renderer/fixture.tsx', "import x from '../src/services/audit';", /only the API contract/],
  ['renderer/fixture.tsx', "import x from 'node:fs';", /sandboxed browser/],
  ['src/services/fixture.ts', "import x from '@nats-io/jetstream';", /Only src\/sync/],
  ['src/host/fixture.ts', "import x from '@nats-io/transport-node';", /Only src\/sync/],
  ['src/db/repositories/fixture.ts', "import x from '@nats-io/kv';", /Only src\/sync/],
  ['main/fixture.ts', "import x from '@nats-io/transport-node';", /Only src\/sync/],
  ['src/services/fixture.ts', "import x from '../sync/engine';", /below sync/],
  ['src/db/repositories/fixture.ts', "import x from '../../sync/applier';", /below sync/],
  ['src/sync/fixture.ts', "import x from '../cli/args';", /below cli/],
  ['src/sync/fixture.ts', "import x from 'better-sqlite3';", /src\/db/],
];

const allowed: [path: string, line: string][] = [
  ['src/domain/fixture.ts', "import x from 'libphonenumber-js';"],
  ['src/domain/roster/fixture.ts', "import x from '../../contract';"],
  ['src/db/repositories/fixture.ts', "import x from 'better-sqlite3';"],
  ['src/services/notifications/fixture.ts', "import x from 'nodemailer';"],
  ['src/services/roster/file/fixture.ts', "import x from 'exceljs';"],
  ['src/services/labels/engine.ts', "import x from 'sharp';"],
  ['src/services/attachments/image.ts', "import x from 'sharp';"],
  ['src/services/fixture.ts', "import x from '../../native/devices/manager';"],
  ['native/devices/fixture.ts', "import x from 'node-hid';"],
  ['native/devices/fixture.ts', "import x from '../../src/contract/devices';"],
  ['main/fixture.ts', "import x from 'electron';"],
  ['main/channels.ts', "import x from '../src/contract/events';"],
  ['renderer/fixture.tsx', "import x from '../src/contract';"],
  ['src/sync/fixture.ts', "import x from '@nats-io/jetstream';"],
  ['src/sync/fixture.ts', "import x from '../services/turns';"],
  ['src/core.ts', "import x from './sync/engine';"],
];

describe('layer rules in eslint.config.js', () => {
  it.each(forbidden)('%s: %s is reported', async (path, line, because) => {
    const errors = await importErrors(path, line);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(because);
  });

  it.each(allowed)('%s: %s is allowed', async (path, line) => {
    expect(await importErrors(path, line)).toEqual([]);
  });
});
