import { existsSync } from 'node:fs';
import { createSimulator } from '../../../native/sim/simulator';
import { simRoutes } from '../../host/sim';
import { bindHttpPort, closeServer, serveHttp } from '../../host/server';
import { isLoopback } from '../../host/security';
import { log } from '../../log';
import { resolveDataDir } from '../../paths';
import type { DeviceMode } from '../../services/devices/service';
import type { CliHost } from '../host';
import { parse, portNumber, UsageError } from '../args';
import { syncConnectionOptions, syncOptions } from '../syncOptions';

export const serveUsage = `packroom serve [--data DIR] [--port 8420] [--host 127.0.0.1] [--devices sim|none] [--labels on-demand] [--sync URL] [--sync-… as site init]
      Runs Packroom without a window and serves the staff UI on http://HOST:PORT.
      A node of a site (packroom site init) shares its data through the NATS server and auth it saved; --sync and
      the --sync-… options of site init use others for this run (an identity or TLS files given replace the saved ones).
      --devices auto (default) opens the door devices assigned with "packroom devices assign";
      sim simulates the keypad, QR reader and relay (page: /sim); none opens no devices.
      --labels background (default) loads the label reader's models after start-up, so the desk's first parcel does
      not wait; on-demand loads them at the first label read (a door controller with no desk camera saves the memory).`;

const deviceModes: readonly DeviceMode[] = ['auto', 'sim', 'none'];
const labelModes = ['background', 'on-demand'] as const;

export async function serveCommand(args: string[], out: NodeJS.WritableStream, cli: CliHost): Promise<number> {
  const { values } = parse(
    args,
    {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      devices: { type: 'string' },
      labels: { type: 'string' },
      ...syncOptions,
    },
    0,
  );
  const port = portNumber(values.port, 8420);
  const host = values.host ?? '127.0.0.1';
  const devices = (values.devices ?? 'auto') as DeviceMode;
  if (!deviceModes.includes(devices)) throw new UsageError(`--devices must be auto, sim or none, not "${values.devices}"`);
  const labels = values.labels ?? 'background';
  if (!(labelModes as readonly string[]).includes(labels))
    throw new UsageError(`--labels must be background or on-demand, not "${labels}"`);
  const sync = await syncConnectionOptions(values);
  const runsOwnSync = sync.url !== undefined || Object.keys(sync.auth).length > 0;
  const dataDir = resolveDataDir(values.data);
  // The port first: a busy one fails here, before the data folder gets a database, a key or a log.
  const bound = await bindHttpPort(host, port);
  const start = async () => {
    // The desk reads labels: the reader's models load in the background once the core has started (unless on demand).
    const core = cli.openCore(dataDir, {
      readLabels: labels === 'background',
      ...(runsOwnSync && { ...(sync.url !== undefined && { syncUrl: sync.url }), syncAuth: sync.auth }),
    });
    if (runsOwnSync && !core.sync) {
      await core.close();
      throw new Error(`--sync: the data folder ${dataDir} is not a node of a site yet (make it one with "packroom site init").`);
    }
    const staticDir = cli.staticDir;
    const sim = devices === 'sim' ? createSimulator(() => core.clock.now()) : null;
    await core.devices.start(devices, sim ?? undefined);
    core.start();
    const hasUi = existsSync(staticDir);
    if (!hasUi) log.warn(`The staff UI is not built (${staticDir} is missing): run "npm run build". Serving the API only.`);
    return { core, sim, server: serveHttp(core, bound, { host, staticDir: hasUi ? staticDir : null, extraRoutes: simRoutes(core, sim) }) };
  };
  const { core, sim, server } = await start().catch(async (error: unknown) => {
    // A listening port would keep the process running after the failure is reported.
    await closeServer(bound);
    throw error;
  });
  if (!isLoopback(host)) log.warn(`Listening on ${host}: other computers on the network can reach the sign-in page.`);
  // Signal handlers before the "running" line: a stop right after it still shuts down cleanly, not like a crash.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out.write(
    `Packroom is running at ${server.url} (data: ${dataDir}${sim ? `; simulated door at ${server.url}/sim` : ''}). Press Ctrl+C to stop.\n`,
  );

  await stopped;
  await server.close();
  await core.close();
  return 0;
}
