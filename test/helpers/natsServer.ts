import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

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
  /** Everything the server logged since it was started (the last start): what it refused, for a test to count. */
  output(): string;
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

/**
 * What the server is started with beyond its loopback port and store: the body of a nats-server config file (auth,
 * TLS: docs/install.md's, in the tests of them), given the port and store so it can say them itself.
 */
export interface NatsServerOptions {
  config?: (where: { port: number; storeDir: string }) => string;
}

/** Resolves once the server says it is ready (JetStream enabled before that line); rejects if it exits first. */
function launch(
  binary: string,
  port: number,
  storeDir: string,
  configFile: string | null,
): Promise<{ child: ChildProcess; output: () => string }> {
  const args = configFile ? ['-c', configFile] : ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
        // Keep draining its log, so a full pipe never blocks the server, and keep it for output().
        const keep = (more: Buffer) => (output += more.toString());
        child.stderr!.on('data', keep);
        child.stdout!.on('data', keep);
        resolve({ child, output: () => output });
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

export async function startNatsServer(options: NatsServerOptions = {}): Promise<TestNatsServer> {
  const binary = natsServerBinary();
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'packroom-nats-'));
  let configFile: string | null = null;
  if (options.config) {
    configFile = join(mkdtempSync(join(tmpdir(), 'packroom-nats-conf-')), 'nats-server.conf');
    writeFileSync(configFile, options.config({ port, storeDir }));
  }
  let launched = await launch(binary, port, storeDir, configFile);
  let child: ChildProcess | null = launched.child;

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
      launched = await launch(binary, port, storeDir, configFile);
      child = launched.child;
    },
    output: () => launched.output(),
    async dispose() {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
      if (configFile) rmSync(dirname(configFile), { recursive: true, force: true });
    },
  };
}
