import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A real `nats-server -js` on a loopback port, for the sync tests (issue 20). */
export interface TestNatsServer {
  /** nats://127.0.0.1:<port> */
  url: string;
  port: number;
  /** JetStream's store: kept across stop() and start(), so the stream outlives a server restart. */
  storeDir: string;
  /** Stops the server (SIGTERM, then SIGKILL if it lingers) and waits for it to exit. The store stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store, and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its store: for afterAll, safe to call more than once or after a failed start. */
  dispose(): Promise<void>;
}

// Every server a test started, killed when the test process ends however it ends (a failed afterAll, a crash).
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Debian installs it in /usr/sbin, which a non-root PATH often lacks; PACKROOM_NATS_SERVER names another. */
function natsServerBinary(): string {
  const candidates = [
    process.env.PACKROOM_NATS_SERVER,
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'nats-server')),
    '/usr/sbin/nats-server',
    '/usr/bin/nats-server',
  ].filter((path): path is string => Boolean(path));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not this one
    }
  }
  throw new Error('nats-server is not installed (apt-get install nats-server, or set PACKROOM_NATS_SERVER)');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server says it is ready (JetStream enabled before that line); rejects if it exits first. */
function launch(binary: string, port: number, storeDir: string): Promise<ChildProcess> {
  const child = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server is ready')) {
        child.stderr!.off('data', onData);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        // Keep draining its log, so a full pipe never blocks the server.
        child.stderr!.resume();
        child.stdout!.resume();
        resolve(child);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`nats-server exited (${code}) before it was ready:\n${output}`));
    child.stderr!.on('data', onData);
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', reject);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startNatsServer(): Promise<TestNatsServer> {
  const binary = natsServerBinary();
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'packroom-nats-'));
  let child: ChildProcess | null = await launch(binary, port, storeDir);

  const stop = async () => {
    const running = child;
    child = null;
    if (!running) return;
    running.kill('SIGTERM');
    // A server that does not finish its shutdown in time is killed: a test waits for the exit, not for a delay.
    const killer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited(running);
    clearTimeout(killer);
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    stop,
    async start() {
      if (child) throw new Error('the NATS server is already running');
      child = await launch(binary, port, storeDir);
    },
    async dispose() {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
