import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { ApiError, message } from '../contract';
import type { SiteInvite } from '../contract/siteJoin';
import type { Clock } from '../clock';
import type { Repositories } from '../db/repositories';
import { formatJoinCode, inviteIdBytes, inviteSecretBytes, type JoinCode } from '../domain/sync/joinCode';
import { databaseFile } from '../paths';
import { random } from '../random';
import { keyFileName, sealedKeyFileName } from '../secrets';
import type { Actor, AuditService } from '../services/audit/service';
import type { Transactor } from '../services/tx';
import { siteSubjects, streamName } from './event';
import { openInvitation, sealInvitation, usedMark, WrongCodeError, type Invitation } from './invite';
import { loadNats } from './nats';
import type { SyncAuth, SyncConnection } from './connection';
import { reach, SiteError } from './site';

/**
 * `packroom site invite` and the first half of `site join` (docs/architecture.md, "Joining"): the invitation made
 * by a node of the site, and its one-time use by a new node, both through the site's NATS server.
 */

/** How long a join code is good for. */
export const inviteValidMs = 60 * 60_000;

/**
 * Every site of a NATS server keeps its invitations in one bucket: the joiner knows no site name before the code
 * is opened, and the invite id alone finds the invitation. The bucket's own age limit removes an invitation an
 * hour after it was made, used or not; the expiry sealed inside is the one that counts.
 */
const invitesBucket = 'packroom_invites';
/** The node names of a site, each taken once (KV create): two joiners cannot both become "door". */
const nodesBucket = (site: string) => `packroom_${site}_nodes`;

async function invites(nc: NatsConnection, create: boolean): Promise<KV | null> {
  const { Kvm } = (await loadNats()).kv;
  const kvm = new Kvm(nc);
  if (create) return kvm.create(invitesBucket, { ttl: inviteValidMs, history: 1 });
  return kvm.open(invitesBucket).catch(() => null);
}

const siteNodes = async (nc: NatsConnection, site: string): Promise<KV> =>
  new (await loadNats()).kv.Kvm(nc).create(nodesBucket(site), { history: 1 });

/** Takes `node` for this site when nobody has; false when someone has. */
async function claimName(kv: KV, node: string, at: number): Promise<boolean> {
  try {
    await kv.create(node, Buffer.from(JSON.stringify({ since: at })));
    return true;
  } catch {
    // Only "already there" makes create fail on a reachable server; anything else fails the next read too.
    return (await kv.get(node)) === null;
  }
}

export interface InviteServiceDeps {
  repos: Pick<Repositories, 'sync'>;
  tx: Transactor;
  clock: Clock;
  audit: AuditService;
  /** The site's data key: what the invitation carries to the new node. */
  dataKey: Buffer;
  /** The NATS server this run uses (`serve --sync URL`), else the saved one. */
  url: string | null;
  /** How this node authenticates to it (the saved auth, or this run's). */
  auth: SyncAuth;
}

/** Makes join codes on a node of a site: the CLI's `site invite` and Settings → This computer. */
export class InviteService {
  constructor(private readonly deps: InviteServiceDeps) {}

  /** ApiError (CONFLICT) when this folder is not a node, or the site's server cannot be reached. */
  async invite(actor: Actor): Promise<SiteInvite> {
    const { repos, clock, tx, audit, dataKey } = this.deps;
    const node = repos.sync.node();
    const url = this.deps.url ?? node.url;
    if (!node.site || !node.nodeName || !url) throw new ApiError('CONFLICT', message('site.notANode'));
    const site = node.site;
    const secret = random.bytes(inviteSecretBytes);
    const { text: code, id: key } = formatJoinCode(random.bytes(inviteIdBytes), secret);
    const expiresAt = clock.now() + inviteValidMs;
    const known = repos.sync.applied().map((a) => ({ node: a.nodeName, uid: a.origin }));
    const nc = await reach({ url, auth: this.deps.auth }).catch((error: unknown) => {
      throw new ApiError('CONFLICT', message('site.unreachable', { url, detail: error instanceof Error ? error.message : String(error) }));
    });
    try {
      const { jetstream } = await loadNats();
      const jsm = await jetstream.jetstreamManager(nc);
      const streamSeq = await jsm.streams.info(streamName(site)).then(
        (info) => info.state.last_seq,
        () => 0,
      );
      const sealed = await sealInvitation(
        {
          v: 1,
          site,
          nodes: [{ node: node.nodeName, uid: node.nodeUid }, ...known],
          dataKey: dataKey.toString('base64'),
          expiresAt,
          streamSeq,
        },
        key,
        secret,
      );
      // This node's own name is taken in the site from now on, if an older node never took it.
      await claimName(await siteNodes(nc, site), node.nodeName, clock.now());
      await (await invites(nc, true))!.create(key, sealed);
    } finally {
      await nc.close();
    }
    // The code itself is never written down here: the audit says who made one and until when it is good.
    tx.run(() => audit.record(actor, 'site.invite', null, { expiresAt: new Date(expiresAt).toISOString() }));
    return { code, expiresAt: new Date(expiresAt).toISOString(), site, command: `packroom site join ${code} --sync ${url} --node NAME` };
  }
}

/**
 * Uses a join code (the first half of `site join`): opens its invitation, checks it is unused and unexpired and that
 * `node` is free in the site, then marks it used (a compare-and-set on the invitation's revision: of two joiners
 * with one code, one wins) and takes the name. Throws SiteError, having changed nothing, for a wrong, used or
 * expired code, a name taken, or a server that cannot be reached.
 */
export async function useJoinCode(input: {
  connection: SyncConnection;
  code: JoinCode;
  node: string;
  now: () => number;
}): Promise<Invitation> {
  const { connection, code, node, now } = input;
  const wrong = () =>
    new SiteError(
      'this join code does not open any invitation on that NATS server: check the code and the --sync address, or make a new code with "packroom site invite" (a code is good for one hour)',
    );
  const nc = await reach(connection);
  try {
    const bucket = await invites(nc, false);
    const entry = bucket ? await bucket.get(code.id) : null;
    if (!bucket || !entry || entry.operation !== 'PUT') throw wrong();
    const opened = await openInvitation(entry.value, code.id, code.secret).catch((error: unknown) => {
      throw error instanceof WrongCodeError ? wrong() : error;
    });
    const used = () => new SiteError('this join code was already used; make a new one with "packroom site invite"');
    if ('used' in opened) throw used();
    const { invitation } = opened;
    if (now() >= invitation.expiresAt) {
      throw new SiteError(
        `this join code expired at ${new Date(invitation.expiresAt).toISOString()}; make a new one with "packroom site invite"`,
      );
    }
    const names = await siteNodes(nc, invitation.site);
    const taken = new Set(invitation.nodes.map((n) => n.node));
    for (const subject of Object.keys(await publishers(nc, invitation.site))) taken.add(subject.split('.').pop()!);
    if (taken.has(node) || (await names.get(node)) !== null) {
      throw new SiteError(`site "${invitation.site}" already has a node named "${node}": choose another --node`);
    }
    try {
      await bucket.update(code.id, usedMark(node, now()), entry.revision);
    } catch (error) {
      // Another joiner's mark came first (the revision moved on); anything else is the server's failure, said as such.
      const latest = await bucket.get(code.id).catch(() => null);
      throw latest && latest.revision !== entry.revision ? used() : error;
    }
    if (!(await claimName(names, node, now()))) {
      throw new SiteError(`site "${invitation.site}" already has a node named "${node}": choose another --node, with a new join code`);
    }
    return invitation;
  } finally {
    await nc.close();
  }
}

/** The subjects nodes of `site` published on, with their counts (none when the stream does not exist yet). */
async function publishers(nc: NatsConnection, site: string): Promise<Record<string, number>> {
  const jsm = await (await loadNats()).jetstream.jetstreamManager(nc);
  return jsm.streams.info(streamName(site), { subjects_filter: siteSubjects(site) }).then(
    (info) => info.state.subjects ?? {},
    () => ({}),
  );
}

/**
 * A folder joins a site only when it holds no Packroom data: absent, empty, or only files other programs keep there
 * (the desktop app's Electron profile). A database, or a data key, is another roster or another node (a copied
 * folder is the same node as its original): merging two rosters is an import, not sync. Reads only.
 */
export function refuseFolderWithData(dataDir: string): void {
  const found = [databaseFile(dataDir), join(dataDir, keyFileName), join(dataDir, sealedKeyFileName)].find((file) => existsSync(file));
  if (found) {
    throw new SiteError(
      `the data folder ${dataDir} already holds Packroom data (${basename(found)}): a computer joins a site with an empty data folder. Choose another one with --data; to bring this folder's roster into the site, import it at a node instead.`,
    );
  }
}
