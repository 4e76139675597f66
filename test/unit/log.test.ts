import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log, logFilePath, logToFile, stopLogFile } from '../../src/log';

describe('log file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'packroom-log-'));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stopLogFile();
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every line to the file as well as stderr, with stacks, in a folder it creates', () => {
    const file = join(dir, 'logs', 'packroom.log');
    logToFile(file);
    expect(logFilePath()).toBe(file);
    log.info('started');
    log.error('Could not open the relay', new Error('EBUSY'));
    log.detail('only in the file');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/info {2}started\n/);
    expect(text).toMatch(/error Could not open the relay\nError: EBUSY\n {4}at /);
    expect(text).toMatch(/only in the file/);
    const stderr = vi
      .mocked(process.stderr.write)
      .mock.calls.map(([line]) => String(line))
      .join('');
    expect(stderr).toMatch(/started/);
    expect(stderr).not.toMatch(/only in the file/);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates at the size cap and keeps only the newest files', () => {
    const file = join(dir, 'packroom.log');
    logToFile(file, { maxBytes: 200, keep: 3 });
    for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(statSync(file).size).toBeLessThanOrEqual(200);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    expect(readFileSync(file, 'utf8')).toMatch(/line 39 /);
    const kept = [file, `${file}.1`, `${file}.2`].reduce((sum, f) => sum + statSync(f).size, 0);
    expect(kept).toBeLessThanOrEqual(600);
  });

  it('keeps logging to stderr when the file cannot be written', () => {
    logToFile(join(dir, 'packroom.log'));
    rmSync(dir, { recursive: true, force: true });
    log.info('after the folder went away');
    log.info('still on stderr');
    expect(logFilePath()).toBeNull();
    const stderr = vi
      .mocked(process.stderr.write)
      .mock.calls.map(([line]) => String(line))
      .join('');
    expect(stderr).toMatch(/Stopped writing the log file/);
    expect(stderr).toMatch(/still on stderr/);
  });
});
