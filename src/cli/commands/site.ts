import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/open';
import { createRepositories } from '../../db/repositories';
import { databaseFile, resolveDataDir } from '../../paths';
import { AdjustableClock } from '../../clock';
import { Transactor } from '../../services/tx';
import type { SiteStatus } from '../../contract';
import { rosterImportPlace, type RosterImportPlace } from '../../domain/sync/roster';
import { SiteService } from '../../sync/site';
import type { CliHost } from '../host';
import { parse, UsageError } from '../args';

export const siteUsage = `packroom site init --sync URL --site NAME --node NAME [--data DIR]
      Makes this data folder the first node of a site (several PCs of one building sharing their data through
      the NATS server at URL); everything already here is kept and shared. Refused when the site has data already.
  packroom site status [--data DIR] [--json]
      This node's site, its connection, the other nodes, changes waiting to be sent, and the delay of the last ones received.`;

/**
 * A NATS server address as the client takes it: nats:// (or tls://) host and port. Without a user or password:
 * the address is saved in the database and written to the log, where a password must not be.
 */
export function syncUrl(value: string, option = '--sync'): string {
  if (/^(nats|tls):\/\/[^\s/]*@/.test(value)) throw new UsageError(`${option} must not carry a user or password`);
  if (!/^(nats|tls):\/\/[^\s/@]+$/.test(value)) {
    throw new UsageError(`${option} must be a NATS server address like nats://10.0.0.5:4222, not "${value}"`);
  }
  return value;
}

export async function siteCommand(args: string[], out: NodeJS.WritableStream, cli: CliHost): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'init') return init(rest, out, cli);
  if (sub === 'status') return status(rest, out);
  throw new UsageError(sub ? `unknown site command "${sub}"` : 'site needs a command: init or status');
}

async function init(args: string[], out: NodeJS.WritableStream, cli: CliHost): Promise<number> {
  const { values } = parse(
    args,
    { sync: { type: 'string' }, site: { type: 'string' }, node: { type: 'string' }, data: { type: 'string' } },
    0,
  );
  for (const option of ['sync', 'site', 'node'] as const) {
    if (values[option] === undefined) throw new UsageError(`site init needs --${option}`);
  }
  const url = syncUrl(values.sync!);
  const core = cli.openCore(resolveDataDir(values.data));
  try {
    const { queued } = await core.site.init({ url, site: values.site!, node: values.node! });
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
    const repos = createRepositories(db);
    const report = new SiteService({ repos, tx: new Transactor(db), clock }).status();
    if (!report) throw new Error('This data folder is not a node of a site (make it one with "packroom site init").');
    out.write(values.json ? `${JSON.stringify(asJson(report))}\n` : asText(report) + rosterLine(rosterImportPlace(repos.sync.node())));
    return 0;
  } finally {
    db.close();
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Which node runs the site's daily roster import, for the installer who sets it up there. */
function rosterLine(place: RosterImportPlace): string {
  if (place.here) return 'Daily roster import: runs on this node.\n';
  return `Daily roster import: runs on ${place.node ? `node "${place.node}"` : "the site's first node"}, not on this one.\n`;
}

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
