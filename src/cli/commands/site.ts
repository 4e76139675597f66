import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/open';
import { createRepositories } from '../../db/repositories';
import { databaseFile, resolveDataDir } from '../../paths';
import { AdjustableClock } from '../../clock';
import { Transactor } from '../../services/tx';
import { isSyncName } from '../../domain/sync/names';
import { parseJoinCode } from '../../domain/sync/joinCode';
import { cliActor } from '../../services/audit/service';
import { refuseFolderWithData, useJoinCode } from '../../sync/join';
import { SiteError, SiteService } from '../../sync/site';
import { ApiError, type SiteStatus } from '../../contract';
import { rosterImportPlace, type RosterImportPlace } from '../../domain/sync/roster';
import type { CliHost } from '../host';
import { parse, UsageError } from '../args';
import { syncConnectionOptions, syncOptions, syncOptionsUsage } from '../syncOptions';

export const siteUsage = `packroom site init --sync URL --site NAME --node NAME [--data DIR] [--sync-user NAME | --sync-nkey FILE | --sync-creds FILE] [--sync-ca FILE] [--sync-cert FILE --sync-key FILE]
      Makes this data folder the first node of a site (several PCs of one building sharing their data through
      the NATS server at URL); everything already here is kept and shared. Refused when the site has data already.
      ${syncOptionsUsage}
      The user, password and file paths are saved beside the data key, sealed with it, never in the database.
  packroom site invite [--data DIR] [--json]
      Prints a one-time join code, good for one hour, for another computer to join this node's site.
  packroom site join CODE --sync URL --node NAME [--data DIR] [the --sync-… options of site init]
      Makes an empty data folder a node of the site the join code invites to: receives the site's data key and
      everything the site shares, showing its progress, before its door serves.
  packroom site status [--data DIR] [--json]
      This node's site, its connection, the other nodes, changes waiting to be sent, and the delay of the last ones received.`;

export async function siteCommand(args: string[], out: NodeJS.WritableStream, cli: CliHost): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'init') return init(rest, out, cli);
  if (sub === 'invite') return invite(rest, out, cli);
  if (sub === 'join') return join(rest, out, cli);
  if (sub === 'status') return status(rest, out);
  throw new UsageError(sub ? `unknown site command "${sub}"` : 'site needs a command: init, invite, join or status');
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

async function invite(args: string[], out: NodeJS.WritableStream, cli: CliHost): Promise<number> {
  const { values } = parse(args, { data: { type: 'string' }, json: { type: 'boolean' } }, 0);
  const core = cli.openCore(resolveDataDir(values.data));
  try {
    const made = await core.invites.invite(cliActor).catch((error: unknown) => {
      throw error instanceof ApiError ? new SiteError(error.message) : error;
    });
    out.write(
      values.json
        ? `${JSON.stringify(made)}\n`
        : `Join code for site "${made.site}", good once, until ${made.expiresAt}:
  ${made.code}
On the new computer, with an empty data folder, run (NAME: the new computer's name in the site):
  ${made.command}
`,
    );
    return 0;
  } finally {
    await core.close();
  }
}

/** How often the progress line is written while a node catches up: every this many changes, and at the end. */
const progressEvery = 1_000;
const count = (n: number) => n.toLocaleString('en-US');

async function join(args: string[], out: NodeJS.WritableStream, cli: CliHost): Promise<number> {
  const { values, positionals } = parse(args, { ...syncOptions, node: { type: 'string' }, data: { type: 'string' } }, 1);
  if (positionals[0] === undefined) throw new UsageError('site join needs the join CODE that "packroom site invite" printed');
  const code = parseJoinCode(positionals[0]);
  if (!code)
    throw new UsageError(`"${positionals[0]}" is not a join code (it looks like PKR-XXXX-XXXX-…, as "packroom site invite" prints it)`);
  for (const option of ['sync', 'node'] as const) {
    if (values[option] === undefined) throw new UsageError(`site join needs --${option}`);
  }
  const { url: given, auth } = await syncConnectionOptions(values);
  const url = given!;
  const node = values.node!;
  if (!isSyncName(node)) throw new UsageError(`the node name "${node}" may have only letters, digits, - and _ (up to 40)`);
  if (!cli.storeDataKey)
    throw new Error('this Packroom cannot store a data key; run "packroom site join" with the packroom command or the desktop app');
  const dataDir = resolveDataDir(values.data);
  // Everything that can refuse runs before the folder is touched: a refusal leaves it as it was.
  refuseFolderWithData(dataDir);
  const invitation = await useJoinCode({ connection: { url, auth }, code, node, now: () => Date.now() });
  cli.storeDataKey(dataDir, Buffer.from(invitation.dataKey, 'base64'));
  const configuring = cli.openCore(dataDir);
  try {
    configuring.site.joined({ site: invitation.site, node, url, auth });
  } finally {
    await configuring.close();
  }
  out.write(`This data folder is now node "${node}" of site "${invitation.site}" (NATS server ${url}), with the site's data key.\n`);
  // Opened again: the core builds the sync engine only for a folder that has sync settings.
  const core = cli.openCore(dataDir);
  try {
    let last = 0;
    const caughtUp = core.sync!.caughtUp(({ done, total }) => {
      if (done - last < progressEvery && done < total) return;
      last = done;
      out.write(`catching up: ${count(done)} of ${count(total)} changes\n`);
    });
    core.sync!.start();
    await caughtUp;
  } finally {
    await core.close();
  }
  out.write('Caught up. Start Packroom on this data folder: it shares everything with the other computers of the site.\n');
  return 0;
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
