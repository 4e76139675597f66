import type { SiteStatus } from '../contract';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Clock } from '../clock';
import type { Repositories } from '../db/repositories';
import { tick } from '../domain/sync/hlc';
import { isSyncName } from '../domain/sync/names';
import type { Transactor } from '../services/tx';
import { streamName } from './event';
import { connectionProblem, natsOptions, type SyncAuth, type SyncAuthFile, type SyncConnection } from './connection';
import { loadNats } from './nats';

/** A site command refused, with the sentence for the installer (the command line prints it as one line). */
export class SiteError extends Error {}

export interface SiteServiceDeps {
  repos: Pick<Repositories, 'sync' | 'syncAccess' | 'syncPackages' | 'syncShared' | 'attachments' | 'syncProxies' | 'syncHolds'>;
  tx: Transactor;
  clock: Clock;
  /** Where `init` saves the auth it connected with; absent where only `status` is read (no data key there). */
  authFile?: Pick<SyncAuthFile, 'save'>;
}

/** How long a site command waits for the NATS server before it says it cannot reach it. */
const reachMs = 5_000;

/** A connection for one site command, with the site's auth; SiteError saying why when the server cannot be reached. The caller closes it. */
export async function reach(connection: SyncConnection): Promise<NatsConnection> {
  const { transport } = await loadNats();
  return natsOptions(connection)
    .then((options) => transport.connect({ ...options, timeout: reachMs }))
    .catch(async (error: unknown) => {
      throw new SiteError(await connectionProblem(connection, error));
    });
}

/** The site commands' work (docs/architecture.md, "Commands"); the command line only parses and prints. */
export class SiteService {
  constructor(private readonly deps: SiteServiceDeps) {}

  /**
   * Makes this data folder the first node of `site`. Refused when the folder is a node already, or when the site's
   * stream already holds changes (another first node: a second roster merged in is an import, not sync).
   * Returns how many existing recipients were queued for the others. The auth (none by default) is checked by
   * connecting with it, then saved out of the database (SyncAuthFile) for every later run.
   */
  async init(input: { url: string; site: string; node: string; auth?: SyncAuth }): Promise<{ queued: number }> {
    const { repos, tx, clock, authFile } = this.deps;
    const auth = input.auth ?? {};
    if (!authFile && Object.keys(auth).length > 0) throw new Error('site init was given an auth without a place to save it');
    if (!isSyncName(input.site)) throw new SiteError(`the site name "${input.site}" may have only letters, digits, - and _ (up to 40)`);
    if (!isSyncName(input.node)) throw new SiteError(`the node name "${input.node}" may have only letters, digits, - and _ (up to 40)`);
    const current = repos.sync.node();
    if (current.site) throw new SiteError(`this data folder is already node "${current.nodeName}" of site "${current.site}"`);
    if (await siteHasChanges({ url: input.url, auth }, input.site)) {
      throw new SiteError(
        `site "${input.site}" already has changes on ${input.url}: this folder would bring a second roster. Join the site instead, or choose another site name.`,
      );
    }
    authFile?.save(auth);
    return tx.run(() => {
      repos.sync.configure(input.site, input.node, input.url);
      repos.sync.pinRosterImport(input.node);
      const recipients = repos.sync.queueExisting(tick(repos.sync.node().hlc, clock.now()));
      // After the recipients: a credential or a package names its recipient, who must arrive first.
      // Proxies before credentials: a proxy PIN names its proxy by uid.
      repos.syncProxies.queueExisting(tick(repos.sync.node().hlc, clock.now()));
      repos.syncAccess.queueExisting(tick(repos.sync.node().hlc, clock.now()));
      repos.syncPackages.queueExisting(tick(repos.sync.node().hlc, clock.now()));
      // After the packages: a photo or signature names its package.
      repos.attachments.queueExisting(tick(repos.sync.node().hlc, clock.now()));
      repos.syncHolds.queueExisting(tick(repos.sync.node().hlc, clock.now()));
      // Staff accounts, settings, alerts and the audit chain go too, after the recipients their audit rows name.
      repos.syncShared.queueExisting();
      return { queued: recipients };
    });
  }

  /**
   * Makes this new, empty data folder a node of `site` (`site join`, after the join code was used): capture on,
   * and the site's changes still to receive, so its door refuses with "starting up" until the engine has them.
   */
  joined(input: { site: string; node: string; url: string; auth?: SyncAuth }): void {
    const { repos, tx, authFile } = this.deps;
    const auth = input.auth ?? {};
    if (!authFile && Object.keys(auth).length > 0) throw new Error('site join was given an auth without a place to save it');
    authFile?.save(auth);
    tx.run(() => repos.sync.joined(input.site, input.node, input.url));
  }

  /** Null when this data folder is not a node of a site. */
  status(): SiteStatus | null {
    return siteStatus(this.deps.repos);
  }
}

/** This node's status from its database alone (the engine records the connection's state there); null on a single PC. */
export function siteStatus(repos: Pick<Repositories, 'sync'>): SiteStatus | null {
  const node = repos.sync.node();
  if (!node.site || !node.nodeName) return null;
  const applied = repos.sync.applied();
  return {
    site: node.site,
    node: node.nodeName,
    connected: node.connectedAt !== null,
    disconnectedSince: node.disconnectedAt,
    nodes: applied.map((a) => ({ node: a.nodeName, lastSeenAt: a.appliedAt, lagMs: a.lagMs })),
    pendingOut: repos.sync.pendingCount(),
    lagMs: Math.max(0, ...applied.map((a) => a.lagMs)),
  };
}

/** True when the site's stream exists and holds at least one change; throws SiteError when the server cannot be reached. */
async function siteHasChanges(connection: SyncConnection, site: string): Promise<boolean> {
  const { JetStreamApiCodes, JetStreamApiError, jetstreamManager } = (await loadNats()).jetstream;
  const { url } = connection;
  const nc = await reach(connection);
  try {
    const jsm = await jetstreamManager(nc).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      throw new SiteError(
        `the NATS server at ${url} does not answer JetStream requests (${detail}): start it with JetStream (-js), and allow this computer's user $JS.API.>`,
      );
    });
    try {
      const info = await jsm.streams.info(streamName(site));
      return info.state.messages > 0;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return false;
      throw error;
    }
  } finally {
    await nc.close();
  }
}
