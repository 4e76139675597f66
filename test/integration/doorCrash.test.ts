import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { messageText } from '../../src/contract';
import { createCore } from '../../src/core';
import { defaultThrottlePolicy } from '../../src/domain/throttle';
import { cliActor } from '../../src/services/audit/service';
import { tempDir, testCore } from '../helpers/core';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'packroom.js');

/** `packroom serve` on `dataDir` until it says it is running, then ended with `signal`. */
async function serveThenStop(dataDir: string, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const child = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--port', '0', '--devices', 'none'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Packroom is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`packroom serve exited early (${code})`)));
  });
  child.kill(signal);
  await exited;
}

/** A site whose shared bucket of wrong PINs is used up, and the PIN of one resident. */
async function guessedAt(dataDir: string): Promise<string> {
  const core = createCore({ dataDir, env: {} });
  const r = core.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '4B' });
  const { pin } = core.credentials.issuePermanent(cliActor, r.id);
  for (let i = 0; i < defaultThrottlePolicy.globalBurst; i++) core.access.decide({ via: 'pin', secret: '38150927', device: `k${i % 4}` });
  await core.close();
  return pin;
}

describe('a killed Packroom process (built)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before these tests (npm test does).');
  });

  it('after SIGKILL: the next start alerts staff and the keypad limit is where it was', async () => {
    const dataDir = tempDir();
    const pin = await guessedAt(dataDir);
    await serveThenStop(dataDir, 'SIGKILL');
    const core = testCore({ dataDir });
    core.start();
    expect(core.alerts.list().map((a) => messageText(a.message))).toContainEqual(
      expect.stringMatching(/^Packroom restarted unexpectedly at /),
    );
    expect(core.access.decide({ via: 'pin', secret: pin, device: 'keypad' }).result).toBe('locked-out');
  });

  it('after a clean stop (SIGTERM): no alert, and the limit is still where it was', async () => {
    const dataDir = tempDir();
    const pin = await guessedAt(dataDir);
    await serveThenStop(dataDir, 'SIGTERM');
    const core = testCore({ dataDir });
    core.start();
    expect(core.alerts.list().filter((a) => a.kind === 'system.restart')).toEqual([]);
    expect(core.access.decide({ via: 'pin', secret: pin, device: 'keypad' }).result).toBe('locked-out');
  });
});
