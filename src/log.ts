/**
 * Operational log: stderr, and once a host calls `logToFile`, a rotating file in the data folder
 * (apps started from the Start menu, Finder or a .desktop file have no stderr anyone reads).
 * Details (stacks) stay here and never reach a person's screen.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LogFileOptions {
  /** Size at which the file is rotated: packroom.log → packroom.log.1 → … → packroom.log.<keep - 1>. */
  maxBytes?: number;
  /** Files kept, the current one included; the oldest is deleted on rotation. */
  keep?: number;
  /** False for command-line hosts: info lines go to the file only, so a command's own output stays clean. */
  infoToStderr?: boolean;
}

const defaultMaxBytes = 5 * 1024 * 1024;
const defaultKeep = 3;

let sink: { path: string; size: number; maxBytes: number; keep: number; infoToStderr: boolean } | null = null;

/** Starts appending every log line to `path` (created with its folder), rotating at `maxBytes`. */
export function logToFile(path: string, options: LogFileOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    size = 0;
  }
  sink = {
    path,
    size,
    maxBytes: options.maxBytes ?? defaultMaxBytes,
    keep: Math.max(1, options.keep ?? defaultKeep),
    infoToStderr: options.infoToStderr ?? true,
  };
}

/** The file the log is written to, or null when it goes to stderr only. */
export const logFilePath = (): string | null => sink?.path ?? null;

/** Stops writing the file (tests; a host that moves its data folder). */
export function stopLogFile(): void {
  sink = null;
}

function rotate(target: NonNullable<typeof sink>): void {
  rmSync(`${target.path}.${target.keep - 1}`, { force: true });
  for (let i = target.keep - 2; i >= 1; i--) {
    try {
      renameSync(`${target.path}.${i}`, `${target.path}.${i + 1}`);
    } catch {
      // that generation does not exist yet
    }
  }
  if (target.keep > 1) renameSync(target.path, `${target.path}.1`);
  else rmSync(target.path, { force: true });
  target.size = 0;
}

function toFile(line: string): void {
  const target = sink;
  if (!target) return;
  try {
    const bytes = Buffer.byteLength(line);
    if (target.size > 0 && target.size + bytes > target.maxBytes) rotate(target);
    appendFileSync(target.path, line, { mode: 0o600 });
    target.size += bytes;
  } catch (error) {
    // A full disk or a removed folder must not take the app down: say so once, keep stderr.
    sink = null;
    process.stderr.write(`${new Date().toISOString()} warn  Stopped writing the log file ${target.path}: ${String(error)}\n`);
  }
}

function write(level: string, message: string, stderr = true): void {
  const line = `${new Date().toISOString()} ${level.padEnd(5)} ${message}\n`;
  if (stderr) process.stderr.write(line);
  toFile(line);
}

const details = (error: unknown) =>
  error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : ` ${String(error)}`;

export const log = {
  info(message: string): void {
    write('info', message, sink?.infoToStderr ?? true);
  },
  warn(message: string): void {
    write('warn', message);
  },
  error(message: string, error?: unknown): void {
    write('error', `${message}${details(error)}`);
  },
  /** For the log file only: details a command-line user already got as one readable line. */
  detail(message: string, error?: unknown): void {
    write('error', `${message}${details(error)}`, false);
  },
};
