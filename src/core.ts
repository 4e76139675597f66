import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { message } from './contract';
import { AdjustableClock } from './clock';
import { BackgroundCheckpoints } from './db/checkpoints';
import { DeferredDurability } from './db/durability';
import type { FolderLock } from './db/folderLock';
import { openDatabase, type Db } from './db/open';
import { createRepositories, type Repositories } from './db/repositories';
import { databaseFile } from './paths';
import { DataKeys, keyFileName, loadOrCreateKeyFile, verifyDataKey } from './secrets';
import { AccessService } from './services/access';
import { AlertService, notSetUpAlert } from './services/alerts/service';
import { AuditService } from './services/audit/service';
import { AuthService } from './services/auth/service';
import { CarrierFollowups } from './services/carriers/followups';
import { CarrierCodeService } from './services/carriers/service';
import { BackupSchedule } from './services/backups/schedule';
import { BackupService } from './services/backups/service';
import { CredentialService } from './services/credentials/service';
import { createDispatch, type Dispatch } from './services/dispatch';
import { DeviceService } from './services/devices/service';
import { DoorController } from './services/door/service';
import { EventDelivery } from './services/delivery';
import { EventBus } from './services/events';
import { createHandlers } from './services/handlers';
import { RunLifecycle } from './services/lifecycle';
import { notificationConfig } from './services/notifications/fromSettings';
import { NotificationService } from './services/notifications/service';
import { PendingWrites } from './services/pendingWrites';
import { HoldsByText } from './services/holds/byText';
import { HoldService } from './services/holds/service';
import { AttachmentRetention } from './services/attachments/retention';
import { AttachmentService } from './services/attachments/service';
import { PackageClaims } from './services/packages/claims';
import { packageLines } from './services/packages/notices';
import { LabelService } from './services/labels/service';
import { enginePaths } from './services/labels/thread';
import { PackageSchedule } from './services/packages/schedule';
import { ProxyService } from './services/proxies/service';
import { PackageService } from './services/packages/service';
import { ShelfLabelService } from './services/shelfLabels/service';
import { RecipientService } from './services/recipients/service';
import { RosterService } from './services/roster/service';
import { RosterSchedule } from './services/roster/schedule';
import { PreviewThreads } from './services/roster/thread';
import { SealingThread } from './services/sealing/thread';
import { SettingsService } from './services/settings/service';
import { SystemService, type DesktopHost } from './services/system/service';
import { Transactor } from './services/tx';
import { Applier } from './sync/applier';
import { overrideAuth, SyncAuthFile, type SyncAuth } from './sync/connection';
import { SyncEngine } from './sync/engine';
import { siteHandlers } from './sync/handlers';
import { InviteService } from './sync/join';
import { SiteService } from './sync/site';
import { Lifecycle } from './lifecycle';
import { log } from './log';

export interface CoreOptions {
  dataDir: string;
  /** The data folder's lock (src/db/folderLock.ts) the host took for this core: let go once the database is closed. */
  folderLock?: FolderLock;
  env?: NodeJS.ProcessEnv;
  clock?: AdjustableClock;
  /** 32 bytes kept outside the database (Electron safeStorage); defaults to the data folder's 0600 key file. */
  dataKey?: Buffer;
  /** Where `dataKey` came from, for the message when it does not match the database; defaults to the key file. */
  dataKeySource?: string;
  /** better_sqlite3.node built for Electron, when the desktop app hosts the core. */
  nativeBinding?: string;
  /** What only the desktop app can do for Settings (open the log folder, start at login); absent in `packroom serve`. */
  desktop?: DesktopHost;
  /** IANA zone for carrier-code hours; defaults to this computer's. */
  timeZone?: string;
  /** The site's NATS server for this run, instead of the one `packroom site init` saved (`serve --sync URL`). */
  syncUrl?: string;
  /** Auth for this run on top of the saved one (`serve --sync-user …`, or a user and password in `--sync`). */
  syncAuth?: SyncAuth;
  /**
   * Start loading the label reader's models at start(), so the desk's first parcel does not wait for the cold
   * start: the hosts with a desk (`serve`, the desktop app). Otherwise it starts at the first `labels.*` call.
   */
  readLabels?: boolean;
}

/** The whole Packroom core, host-agnostic: the desktop app and `packroom serve` both build one of these. */
export interface Core {
  db: Db;
  /** For tests and one-shot tools that inspect rows directly; services get theirs explicitly. */
  repos: Repositories;
  clock: AdjustableClock;
  events: EventBus;
  tx: Transactor;
  keys: DataKeys;
  audit: AuditService;
  settings: SettingsService;
  alerts: AlertService;
  auth: AuthService;
  recipients: RecipientService;
  credentials: CredentialService;
  carrierCodes: CarrierCodeService;
  carrierFollowups: CarrierFollowups;
  notifications: NotificationService;
  access: AccessService;
  door: DoorController;
  devices: DeviceService;
  roster: RosterService;
  rosterSchedule: RosterSchedule;
  packages: PackageService;
  packageSchedule: PackageSchedule;
  /** Holds and vacations (docs/architecture.md, "Holds"). */
  holds: HoldService;
  /** Holds asked for by text message to the site's Twilio number. */
  holdTexts: HoldsByText;
  /** Photos and signatures kept with packages, and their retention. */
  attachments: AttachmentService;
  /** People allowed to collect for a recipient, and their proxy PINs. */
  proxies: ProxyService;
  shelfLabels: ShelfLabelService;
  backups: BackupService;
  backupSchedule: BackupSchedule;
  /** The desk's label reading (its own thread). */
  labels: LabelService;
  system: SystemService;
  /** Join codes for new nodes of this node's site (`packroom site invite`, Settings → This computer). */
  invites: InviteService;
  /** The site commands (init, status); on every core, so a single PC can become a site's first node. */
  site: SiteService;
  /** The link to the site's other computers: null when this data folder has no sync settings (a single PC). */
  sync: SyncEngine | null;
  dispatch: Dispatch;
  /** Events to the UIs, for both transports: only to sessions signed in and unlocked when each event goes out. */
  delivery: EventDelivery;
  /** Starts background work (the notification worker, the daily roster import). One-shot commands never call it. */
  start(): void;
  /** Stops background work, lets go of the devices, switches the door relay off and closes the database; each part stops even when one before it failed. */
  close(): Promise<void>;
}

/** The core's services: what each slice of handlers picks its own from (`Pick<CoreServices, 'packages'>`). */
export type CoreServices = Omit<Core, 'site' | 'sync' | 'dispatch' | 'delivery' | 'start' | 'close'>;

export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const dataKey = options.dataKey ?? loadOrCreateKeyFile(options.dataDir);
  const keys = new DataKeys(dataKey);
  const db = openDatabase(databaseFile(options.dataDir), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const repos = createRepositories(db);
  try {
    verifyDataKey(repos.keyCheck, keys, options.dataKeySource ?? join(options.dataDir, keyFileName));
  } catch (error) {
    db.close();
    throw error;
  }
  const clock = options.clock ?? new AdjustableClock();
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const events = new EventBus();
  const tx = new Transactor(db);
  const writes = new PendingWrites({ tx, clock });
  const audit = new AuditService({ repos, clock, tx, events });
  const settings = new SettingsService({ repos, tx, audit, keys, env: options.env ?? process.env });
  const alerts = new AlertService({ repos, clock, tx, writes, audit, events });
  const auth = new AuthService({ repos, clock, tx, audit, settings });
  const notifications = new NotificationService({
    repos,
    clock,
    tx,
    keys,
    config: () => notificationConfig(settings.values()),
    onChanged: (recipientId) => events.emit('notifications.changed', { recipientId }),
    onFailed: ({ channel, destination, error }) =>
      alerts.raise('notification.failed', message(`alert.notificationFailed.${channel}`, { destination, error })),
    packageLines: (recipientId) => packageLines(repos, recipientId),
    channelReady: (channel, ready) =>
      ready ? alerts.resolve(notSetUpAlert[channel]) : alerts.stand(notSetUpAlert[channel], message(`alert.notSetUp.${channel}`)),
  });
  settings.onChange(() => notifications.reviewChannels());
  const sealing = new SealingThread(dataKey);
  const credentials = new CredentialService({ repos, clock, tx, audit, keys, settings, events, notifier: notifications, sealing });
  const recipients = new RecipientService({ repos, clock, tx, audit, settings, events, credentials });
  // The engine is built below, with the services it serves; the door asks it on each key press.
  let sync: SyncEngine | null = null;
  const startingUp = () => sync?.catchingUp ?? false;
  const access = new AccessService({ repos, credentials, keys, clock, tx, writes, audit, alerts, settings, timeZone, startingUp });
  const lifecycle = new RunLifecycle({ repos, clock, writes, alerts, access });
  const carrierCodes = new CarrierCodeService({ repos, clock, tx, audit, keys, settings, timeZone });
  const door = new DoorController({ access, clock, settings, events, alerts });
  const devices = new DeviceService({ repos, clock, tx, audit, alerts, events, door });
  const checkpoints = new BackgroundCheckpoints(db, databaseFile(options.dataDir), clock, options.nativeBinding);
  const previews = new PreviewThreads({
    file: databaseFile(options.dataDir),
    ...(options.nativeBinding && { nativeBinding: options.nativeBinding }),
  });
  const roster = new RosterService({ repos, clock, tx, audit, settings, events, credentials, alerts, checkpoints, previews });
  const rosterSchedule = new RosterSchedule({ repos, roster, settings, clock, alerts });
  const attachments = new AttachmentService({ repos, clock, tx, audit, settings, events });
  const holds = new HoldService({ repos, clock, tx, audit, events });
  const packages = new PackageService({
    holds,
    repos,
    clock,
    tx,
    audit,
    alerts,
    settings,
    events,
    notifier: notifications,
    claims: new PackageClaims({ repos }),
    attachments,
  });
  const packageSchedule = new PackageSchedule({ packages, clock });
  const holdTexts = new HoldsByText({ repos, holds, clock, texts: notifications, config: () => notificationConfig(settings.values()) });
  const attachmentRetention = new AttachmentRetention({ attachments, clock });
  const proxies = new ProxyService({ repos, clock, tx, audit, settings, credentials });
  const shelfLabels = new ShelfLabelService({ repos, packages, settings });
  const carrierFollowups = new CarrierFollowups({ repos, clock, tx, alerts, timeZone, deliveryLog: repos.packages });
  // Door events are emitted after the relay command; the pickup marking itself runs on a later turn.
  events.on('door.event', (event) => packages.afterDoorEvent(event));
  const reviewInactive = () => {
    try {
      packages.reviewInactive();
    } catch (error) {
      log.error('Checking for waiting packages of deactivated recipients failed.', error);
    }
  };
  events.on('recipients.changed', reviewInactive);
  // On a node of a site, a claim applied from another node is answered and decided (src/services/packages/claims.ts).
  events.on('packages.changed', () => {
    try {
      packages.answerClaims();
    } catch (error) {
      log.error("Answering the other computers' claims of package reminders failed.", error);
    }
  });
  events.on('roster.applied', reviewInactive);
  const labels = new LabelService({
    database: { file: databaseFile(options.dataDir), ...(options.nativeBinding && { nativeBinding: options.nativeBinding }) },
    paths: enginePaths(),
  });
  const system = new SystemService({ desktop: options.desktop ?? null, audit });
  const backups = new BackupService({ repos, settings, clock, tx, audit, alerts, events, dataKey });
  settings.onChange(() => backups.healthChanged());
  const backupSchedule = new BackupSchedule({ backups, settings, clock, alerts });
  const syncAuthFile = new SyncAuthFile(options.dataDir, keys);
  const syncAuth = overrideAuth(syncAuthFile.load(), options.syncAuth ?? {});
  const invites = new InviteService({ repos, tx, clock, audit, dataKey, url: options.syncUrl ?? null, auth: syncAuth });
  const services = {
    db,
    repos,
    clock,
    events,
    tx,
    keys,
    audit,
    settings,
    alerts,
    auth,
    recipients,
    credentials,
    carrierCodes,
    carrierFollowups,
    notifications,
    access,
    door,
    devices,
    roster,
    rosterSchedule,
    system,
    packages,
    packageSchedule,
    holds,
    holdTexts,
    attachments,
    proxies,
    shelfLabels,
    backups,
    backupSchedule,
    labels,
    invites,
  } satisfies CoreServices;
  const site = new SiteService({ repos, tx, clock, authFile: syncAuthFile });
  const syncNode = repos.sync.node();
  const syncUrl = options.syncUrl ?? syncNode.url;
  sync =
    syncNode.site && syncUrl
      ? new SyncEngine({
          repos,
          clock,
          events,
          url: syncUrl,
          auth: syncAuth,
          bulk: checkpoints,
          durability: new DeferredDurability(db, databaseFile(options.dataDir)),
          applier: new Applier({ repos, tx, clock, events, alerts }),
        })
      : null;
  // Another computer's change to what services hold in memory: the sessions of an account, the settings read once.
  events.on('staff.changed', ({ id }) => auth.changedElsewhere(id));
  events.on('settings.changed', () => settings.changedElsewhere());
  const dispatch = createDispatch(auth, createHandlers(services, siteHandlers({ site })));
  const delivery = new EventDelivery({ events, auth });
  // Registered in the order things start; they stop in reverse. The database, registered first,
  // closes last; the schedules, registered last, stop first, so nothing new begins while the rest
  // finish. The door's relay is switched off before the schedules settle by the desktop's bounded
  // quit (main/runtime.ts closeWithin), and again here, after the devices let go.
  const parts = new Lifecycle();
  if (options.folderLock) {
    const { folderLock } = options;
    parts.add('the data folder lock', { stop: () => folderLock.release() });
  }
  parts.add('the database', { stop: () => void db.close() });
  parts.add('the run marker', { start: () => lifecycle.begin(), stop: () => lifecycle.end() });
  // Only on a node of a site: a single PC starts nothing new. Stops before the database closes.
  if (sync) parts.add('sync with the other computers', { start: () => sync.start(), stop: () => sync.stop() });
  parts.add('notifications', { start: () => notifications.start(), stop: () => notifications.stop() });
  parts.add('package follow-ups', { stop: () => packages.settled() });
  parts.add('the door', { stop: () => door.shutdown() });
  parts.add('the door devices', { stop: () => devices.stop() });
  parts.add('roster imports', { stop: () => roster.close() });
  parts.add('the daily roster import', {
    start: () => rosterSchedule.start(),
    stop: async () => {
      rosterSchedule.stop();
      await rosterSchedule.settled();
    },
  });
  parts.add('label reading', {
    start: () => {
      if (options.readLabels) labels.start();
    },
    stop: () => labels.stop(),
  });
  parts.add('carrier follow-ups', { start: () => carrierFollowups.start(), stop: () => carrierFollowups.stop() });
  parts.add('package reminders', { start: () => packageSchedule.start(), stop: () => packageSchedule.stop() });
  parts.add('holds by text', { start: () => holdTexts.start(), stop: () => holdTexts.stop() });
  parts.add('photo and signature retention', { start: () => attachmentRetention.start(), stop: () => attachmentRetention.stop() });
  parts.add('scheduled backups', {
    start: () => backupSchedule.start(),
    stop: async () => {
      backupSchedule.stop();
      await backupSchedule.settled();
    },
  });
  // Stops first: nothing reaches a UI while the rest shut down.
  parts.add('events to the UIs', { stop: () => delivery.stop() });
  return {
    ...services,
    site,
    sync,
    dispatch,
    delivery,
    start: () => parts.start(),
    close: () => parts.stop(),
  };
}
