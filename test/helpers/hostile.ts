import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface ChildParse {
  read?: boolean;
  rows?: number;
  problem?: string;
  message?: string;
  crashed?: string;
  /** How long the parse took, in the child. */
  ms: number;
  /** The child's peak resident memory, its runtime included (~100 MB before any file). */
  maxRssMb: number;
}

const runner = new URL('./parseFile.ts', import.meta.url).pathname;

/**
 * Parses `bytes` as the roster preview does, in a Node process of its own, so its time and peak memory
 * are the parse's alone. The child is stopped after `timeoutMs` (the test then fails on the throw),
 * and its heap is capped so a runaway parse ends as a crash, not as a machine out of memory.
 */
export async function parseInChild(bytes: Uint8Array, name: string, timeoutMs = 120_000): Promise<ChildParse> {
  const dir = mkdtempSync(join(tmpdir(), 'packroom-hostile-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=2048', '--import', 'tsx', runner, file, name], {
      timeout: timeoutMs,
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout) as ChildParse;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
