import { existsSync } from 'node:fs';
import { createCore } from '../../core';
import { startHttpHost } from '../../host/server';
import { isLoopback } from '../../host/security';
import { log } from '../../log';
import { resolveDataDir } from '../../paths';
import { parse, portNumber } from '../args';

export const serveUsage = `packroom serve [--data DIR] [--port 8420] [--host 127.0.0.1]
      Runs Packroom without a window and serves the staff UI on http://HOST:PORT.`;

export async function serveCommand(args: string[], out: NodeJS.WritableStream, staticDir: string): Promise<number> {
  const { values } = parse(args, { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } }, 0);
  const port = portNumber(values.port, 8420);
  const host = values.host ?? '127.0.0.1';
  const dataDir = resolveDataDir(values.data);
  const core = createCore({ dataDir });
  const hasUi = existsSync(staticDir);
  if (!hasUi) log.warn(`The staff UI is not built (${staticDir} is missing): run "npm run build". Serving the API only.`);
  const host_ = await startHttpHost(core, { host, port, staticDir: hasUi ? staticDir : null });
  if (!isLoopback(host)) log.warn(`Listening on ${host}: other computers on the network can reach the sign-in page.`);
  out.write(`Packroom is running at ${host_.url} (data: ${dataDir}). Press Ctrl+C to stop.\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host_.close();
  core.close();
  return 0;
}
