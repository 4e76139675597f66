import { mkdirSync } from 'node:fs';
import { AdjustableClock } from './clock';
import { BackgroundCheckpoints } from './db/checkpoints';
import { openDatabase, type Db } from './db/open';
import { createRepositories, type Repositories } from './db/repositories';
import { databaseFile } from './paths';
import { DataKeys, loadOrCreateKeyFile } from './secrets';
import { AccessService } from './services/access';
import { AlertService } from './services/alerts';
import { AuditService } from './services/audit';
import { AuthService } from './services/auth';
import { CredentialService } from './services/credentials';
import { createDispatch, type Dispatch } from './services/dispatch';
import { DeviceService } from './services/devices';
import { DoorController } from './services/door';
import { EventBus } from './services/events';
import { createHandlers } from './services/handlers';
import { notificationConfig } from './services/notifications/fromSettings';
import { NotificationService } from './services/notifications/service';
import { RecipientService } from './services/recipients';
import { RosterService } from './services/roster/service';
import { RosterSchedule } from './services/roster/schedule';
import { SettingsService } from './services/settings';
import { Transactor } from './services/tx';

export interface CoreOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  clock?: AdjustableClock;
  /** 32 bytes kept outside the database (Electron safeStorage); defaults to the data folder's 0600 key file. */
  dataKey?: Buffer;
  /** better_sqlite3.node built for Electron, when the desktop app hosts the core. */
  nativeBinding?: string;
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
  notifications: NotificationService;
  access: AccessService;
  door: DoorController;
  devices: DeviceService;
  roster: RosterService;
  rosterSchedule: RosterSchedule;
  dispatch: Dispatch;
  /** Starts background work (the notification worker, the daily roster import). One-shot commands never call it. */
  start(): void;
  /** Switches the door relay off, lets go of the devices, stops background work and closes the database. */
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const keys = new DataKeys(options.dataKey ?? loadOrCreateKeyFile(options.dataDir));
  const db = openDatabase(databaseFile(options.dataDir), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const clock = options.clock ?? new AdjustableClock();
  const events = new EventBus();
  const tx = new Transactor(db);
  const repos = createRepositories(db);
  const audit = new AuditService({ repos, clock, tx, events });
  const settings = new SettingsService({ repos, tx, audit, keys, env: options.env ?? process.env });
  const alerts = new AlertService({ repos, clock, tx, audit, events });
  const auth = new AuthService({ repos, clock, tx, audit, settings });
  const notifications = new NotificationService({
    repos,
    clock,
    tx,
    keys,
    config: () => notificationConfig(settings.values()),
    onChanged: (recipientId) => events.emit('notifications.changed', { recipientId }),
    onFailed: ({ channel, destination, error }) =>
      alerts.raise('notification.failed', `A ${channel === 'email' ? 'message' : 'text'} to ${destination} could not be sent: ${error}`),
  });
  const credentials = new CredentialService({ repos, clock, tx, audit, keys, settings, events, notifier: notifications });
  const recipients = new RecipientService({ repos, clock, tx, audit, settings, events, credentials });
  const access = new AccessService({ repos, credentials, keys, clock, tx, audit, alerts, settings });
  const door = new DoorController({ access, clock, settings, events, alerts });
  const devices = new DeviceService({ repos, clock, tx, audit, alerts, events, door });
  const checkpoints = new BackgroundCheckpoints(db, databaseFile(options.dataDir), options.nativeBinding);
  const roster = new RosterService({ repos, clock, tx, audit, settings, events, credentials, alerts, checkpoints });
  const rosterSchedule = new RosterSchedule({ roster, settings, clock, alerts });
  const dispatch = createDispatch(
    auth,
    createHandlers({ auth, audit, recipients, settings, credentials, alerts, door, devices, roster, rosterSchedule }),
  );
  return {
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
    notifications,
    access,
    door,
    devices,
    roster,
    rosterSchedule,
    dispatch,
    start: () => {
      notifications.start();
      rosterSchedule.start();
    },
    async close() {
      rosterSchedule.stop();
      await rosterSchedule.settled();
      await devices.stop();
      await door.shutdown();
      await notifications.stop();
      db.close();
    },
  };
}
