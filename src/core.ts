import { mkdirSync } from 'node:fs';
import { AdjustableClock } from './clock';
import { openDatabase, type Db } from './db/open';
import { databaseFile } from './paths';
import { AuditService } from './services/audit';
import { AuthService } from './services/auth';
import { createDispatch, type Dispatch } from './services/dispatch';
import { EventBus } from './services/events';
import { createHandlers } from './services/handlers';
import { RecipientService } from './services/recipients';
import { SettingsService } from './services/settings';
import { Transactor } from './services/tx';

export interface CoreOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  clock?: AdjustableClock;
  /** better_sqlite3.node built for Electron, when the desktop app hosts the core. */
  nativeBinding?: string;
}

/** The whole Packroom core, host-agnostic: the desktop app and `packroom serve` both build one of these. */
export interface Core {
  db: Db;
  clock: AdjustableClock;
  events: EventBus;
  tx: Transactor;
  audit: AuditService;
  settings: SettingsService;
  auth: AuthService;
  recipients: RecipientService;
  dispatch: Dispatch;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(databaseFile(options.dataDir), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const clock = options.clock ?? new AdjustableClock();
  const events = new EventBus();
  const tx = new Transactor(db);
  const audit = new AuditService(db, clock, tx, events);
  const settings = new SettingsService(db, tx, audit, options.env ?? process.env);
  const auth = new AuthService(db, clock, tx, audit, settings);
  const recipients = new RecipientService(db, clock, tx, audit, settings, events);
  const dispatch = createDispatch(auth, createHandlers({ auth, audit, recipients, settings }));
  return { db, clock, events, tx, audit, settings, auth, recipients, dispatch, close: () => db.close() };
}
