import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/open';
import { createRepositories } from '../../db/repositories';
import { databaseFile, resolveDataDir } from '../../paths';
import { AdjustableClock } from '../../clock';
import { Transactor } from '../../services/tx';
import { SiteService, type SiteStatus } from '../../sync/site';
import type { CliHost } from '../host';
import { parse, UsageError } from '../args';
import { syncConnectionOptions, syncOptions, syncOptionsUsage } from '../syncOptions';

export const siteUsage = `packroom site init --sync URL --site NAME --node NAME [--data DIR] [--sync-user NAME | --sync-nkey FILE | --sync-creds FILE] [--sync-ca FILE] [--sync-cert FILE --sync-key FILE]
      Makes this data folder the first node of a site (several PCs of one building sharing their data through
      the NATS server at URL); everything already here is kept and shared. Refused when the site has data already.
      ${syncOptionsUsage}
      The user, password and file paths are saved beside the data key, sealed with it, never in the database.
  packroom site status [--data DIR] [--json]
      This node's site, its connection, the other nodes, changes waiting to be sent, and the delay of the last ones received.`;

export async function siteCommand(args: string[], out: NodeJS.WritableStream, cli: CliHost): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'init') return init(rest, out, cli);
  if (sub === 'status') return status(rest, out);
  throw new UsageError(sub ? `unknown site command "${sub}"` : 'site needs a command: init or status');
}

async function init(args: string[], out: NodeJS.WritableStream, cli: CliHost): Promise<number> {
  const { values } = parse(args, { ...syncOptions, site: { type: 'string' }, node: { type: 'string' }, data: { type: 'string' } }, 0);
  for (const option of ['sync', 'site', 'node'] as const) {
    if (values[option] === undefined) throw new UsageError(`site init needs --${option}`);
  }
  const { url, auth } = await syncConnectionOptions(values);
  const core = cli.openCore(resolveDataDir(values.data));
  try {
    const { queued } = await core.site.init({ url: url!, site: values.site!, node: values.node!, auth });
    out.write(
      `This data folder is now node "${values.node}" of site "${values.site}" (NATS server ${url}); ${queued} recipients will be shared with the other nodes once Packroom runs.\n`,
    );
    return 0;
  } finally {
    await core.close();
  }
}

function status(args: string[], out: NodeJS.WritableStream): number {
  const { values } = parse(args, { data: { type: 'string' }, json: { type: 'boolean' } }, 0);
  const file = databaseFile(resolveDataDir(values.data));
  if (!existsSync(file)) throw new Error(`There is no Packroom database at ${file}.`);
  // Only the database, as `audit verify`: it reads beside a running Packroom and needs no data key.
  const db = openDatabase(file);
  try {
    const clock = new AdjustableClock();
    const report = new SiteService({ repos: createRepositories(db), tx: new Transactor(db), clock }).status();
    if (!report) throw new Error('This data folder is not a node of a site (make it one with "packroom site init").');
    out.write(values.json ? `${JSON.stringify(asJson(report))}\n` : asText(report));
    return 0;
  } finally {
    db.close();
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The shape issue 20 gives, times as ISO 8601. */
function asJson(s: SiteStatus) {
  return {
    site: s.site,
    node: s.node,
    connected: s.connected,
    nodes: s.nodes.map((n) => ({ node: n.node, lastSeenAt: iso(n.lastSeenAt) })),
    pendingOut: s.pendingOut,
    lagMs: s.lagMs,
  };
}

function asText(s: SiteStatus): string {
  const connection = s.connected
    ? 'connected'
    : s.disconnectedSince === null
      ? 'not connected (Packroom is not running, or has not reached the server yet)'
      : `not connected since ${iso(s.disconnectedSince)}`;
  const nodes = s.nodes.length === 0 ? 'none yet' : s.nodes.map((n) => `${n.node} (last change ${iso(n.lastSeenAt)})`).join(', ');
  return `Site "${s.site}", node "${s.node}": ${connection}.
Changes waiting to be sent: ${s.pendingOut}.
Other nodes heard from: ${nodes}.
Delay of the last changes received: ${s.lagMs} ms.
`;
}
