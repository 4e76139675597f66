/**
 * Migrations are applied by position (PRAGMA user_version), so an edited old .sql file silently
 * changes nothing on databases already past it. These tests hold the line:
 * - upgrades: a database created at every earlier schema version, holding the rows a site on that
 *   version has, is opened by this Packroom and must come out with every row intact and working;
 * - released migrations: each one's SHA-256 is in migrations.snapshot.json and must not change.
 *
 * Adding migration NNNN: add one entry to `fixtures` below (rows written with that version's
 * columns, what must still hold after the upgrade, and the defaults older rows get), and its line
 * to migrations.snapshot.json (this test prints the line).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { message, messageText, type DoorEvent, type Message } from '../../src/contract';
import { createCore, type Core } from '../../src/core';
import { migrations } from '../../src/db/migrations';
import { migrate } from '../../src/db/open';
import { databaseFile } from '../../src/paths';
import { DataKeys } from '../../src/secrets';
import { cliActor } from '../../src/services/audit/service';
import { verifyAuditChain } from '../../src/services/auditTrail';
import { tempDir } from '../helpers/core';

type Raw = Database.Database;

interface Fixture {
  /** The migration this fixture belongs to, as listed in src/db/migrations/index.ts. */
  migration: string;
  /** Rows a site on this schema version holds, written with that version's columns only. */
  seed(db: Raw): void;
  /** After the upgrade to the current schema: what `seed` wrote is still there and still works. */
  survived(core: Core): void;
  /**
   * After the upgrade, about the rows written before this migration (whichever earlier fixtures ran,
   * possibly none): what its new columns and tables give them.
   */
  olderRows?(core: Core): void;
}

const dataKey = Buffer.alloc(32, 7);
const keys = new DataKeys(dataKey);
const t0 = Date.UTC(2025, 0, 6, 9, 0);

const ana = { pin: '48151623', qr: 'qr-token-ana-0001', singlePin: '90817263' };
const carrierCode = '70615243';
const lockedUntil2100 = Date.UTC(2100, 0, 1);
/** A door event with its reason in English, as the audit log writes it. */
const english = (event: DoorEvent) => ({ ...event, reason: messageText(event.reason) });

const fixtures: Fixture[] = [
  {
    migration: '0001_init',
    seed(db) {
      db.prepare(
        "INSERT INTO staff (id, username, display_name, role, password_hash, created_at) VALUES (1, 'ada', 'Ada Admin', 'admin', 'scrypt$x', ?)",
      ).run(t0);
      const recipient = db.prepare(
        `INSERT INTO recipients (id, external_id, first_name, last_name, unit, email, phone, status, manually_edited, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      recipient.run(1, null, 'Ana', 'Lopez', '4B', 'ana@example.com', '+15551230001', 'active', 0, t0, t0);
      recipient.run(2, 'T-100', 'Bo', 'Kim', '9', null, '+15551230002', 'active', 1, t0, t0 + 1);
      recipient.run(3, null, 'Cy', 'Ng', '2A', 'cy@example.com', null, 'inactive', 0, t0, t0 + 2);
      const audit = db.prepare('INSERT INTO audit_log (at, actor_staff_id, actor, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)');
      audit.run(t0, 1, 'ada', 'recipient.create', 'recipient:1', JSON.stringify({ unit: '4B' }));
      audit.run(t0 + 5, 1, 'ada', 'recipient.setStatus', 'recipient:3', JSON.stringify({ status: { from: 'active', to: 'inactive' } }));
      const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      setting.run('siteName', JSON.stringify('Maple Court'));
      setting.run('devices.assignments', JSON.stringify([{ role: 'relay', selector: '16c0:05df', channel: 2 }]));
    },
    survived(core) {
      expect(core.auth.listStaff()).toEqual([expect.objectContaining({ username: 'ada', role: 'admin', displayName: 'Ada Admin' })]);
      expect(core.recipients.get(1)).toMatchObject({ firstName: 'Ana', lastName: 'Lopez', unit: '4B', email: 'ana@example.com' });
      expect(core.recipients.get(3)).toMatchObject({ status: 'inactive' });
      // The full-text index came through: prefix search still finds people by name and unit.
      const search = (query: string, status: 'active' | 'all' = 'all') =>
        core.recipients.search({ query, status, limit: 50, offset: 0 }).items.map((r) => r.id);
      expect(search('lop')).toEqual([1]);
      expect(search('kim')).toEqual([2]);
      expect(search('2a', 'active')).toEqual([]);
      const audit = core.audit.list({ limit: 200 }).items;
      expect(audit).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: 'ada', action: 'recipient.create', subject: 'recipient:1', details: { unit: '4B' } }),
          expect.objectContaining({ action: 'recipient.setStatus', subject: 'recipient:3' }),
        ]),
      );
      expect(core.settings.get().siteName).toBe('Maple Court');
    },
  },
  {
    migration: '0002_access',
    seed(db) {
      const key = db.prepare(
        `INSERT INTO access_keys (id, recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, status, expires_at, used_at, used_via, created_at, created_by, ended_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const sealed = (pin: string, qr: string) =>
        [keys.lookupHash('pin', pin), keys.seal(pin), keys.lookupHash('qr', qr), keys.seal(qr)] as const;
      key.run(1, 1, 'permanent', ...sealed(ana.pin, ana.qr), 'active', null, null, null, t0, 1, null);
      key.run(2, 1, 'single', ...sealed(ana.singlePin, 'qr-single-ana'), 'used', t0 + 86_400_000, t0 + 60_000, 'pin', t0, 1, t0 + 60_000);
      const outbox = db.prepare(
        `INSERT INTO outbox (channel, recipient_id, access_key_id, template, destination, status, attempts, next_attempt_at, last_error, provider_id, created_at, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      outbox.run('email', 1, 1, 'permanent', 'ana@example.com', 'sent', 1, t0, null, '<m1@example.com>', t0, t0 + 1_000);
      outbox.run('sms', 1, 2, 'single', '+15551230001', 'failed', 6, t0, 'Twilio said 21211', null, t0, null);
      db.prepare("INSERT INTO alerts (at, kind, message) VALUES (?, 'door.lockout', 'The keypad is locked after 5 wrong PINs.')").run(t0);
    },
    survived(core) {
      expect(english(core.access.decide({ via: 'pin', secret: ana.pin, device: 'keypad' }))).toMatchObject({
        result: 'granted',
        reason: 'PIN',
      });
      expect(english(core.access.decide({ via: 'qr', secret: ana.qr, device: 'reader' }))).toMatchObject({
        result: 'granted',
        reason: 'QR code',
      });
      expect(core.access.decide({ via: 'pin', secret: ana.singlePin, device: 'keypad' })).toMatchObject({ result: 'denied' });
      // The sealed copy decrypts with the same data key: staff can still look the PIN up.
      expect(core.credentials.lookupPin(cliActor, 1).pin).toBe(ana.pin);
      expect(core.notifications.forRecipient(1)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ channel: 'email', status: 'sent', destination: 'ana@example.com' }),
          expect.objectContaining({
            channel: 'sms',
            status: 'failed',
            attempts: 6,
            lastError: message('text', { text: 'Twilio said 21211' }),
          }),
        ]),
      );
      expect(core.alerts.list()).toEqual([expect.objectContaining({ kind: 'door.lockout' })]);
    },
    olderRows(core) {
      // Recipients from before access keys existed have none (and open nothing) until staff issue one.
      for (const { id } of core.recipients.search({ query: '', status: 'all', limit: 200, offset: 0 }).items) {
        expect(core.credentials.overview(id)).toMatchObject({ permanent: null, singleAccess: [], notifications: [] });
      }
      expect(core.access.decide({ via: 'pin', secret: ana.pin, device: 'keypad' })).toMatchObject({ result: 'denied' });
      expect(core.alerts.list()).toEqual([]);
    },
  },
  {
    migration: '0003_roster',
    seed(db) {
      db.prepare(
        `INSERT INTO recipients (id, external_id, first_name, last_name, unit, email, phone, status, manually_edited, move_in, move_out, created_at, updated_at)
         VALUES (4, 'T-200', 'Dee', 'Ruiz', '7C', NULL, '+15551230004', 'active', 0, '2024-09-01', '2026-08-31', ?, ?)`,
      ).run(t0, t0);
      db.prepare(
        `INSERT INTO roster_runs (started_at, finished_at, trigger, actor, file_name, outcome, message, counts)
         VALUES (?, ?, 'schedule', 'system', 'tenants.csv', 'applied', NULL, ?)`,
      ).run(t0, t0 + 900, JSON.stringify({ added: 1, changed: 0, deactivated: 0 }));
    },
    survived(core) {
      const moves = core.db.prepare('SELECT move_in AS moveIn, move_out AS moveOut FROM recipients WHERE id = 4').get();
      expect(moves).toEqual({ moveIn: '2024-09-01', moveOut: '2026-08-31' });
      expect(core.roster.runs(10)).toEqual([
        expect.objectContaining({
          trigger: 'schedule',
          fileName: 'tenants.csv',
          outcome: 'applied',
          counts: { added: 1, changed: 0, deactivated: 0 },
        }),
      ]);
    },
    olderRows(core) {
      const withMoves = core.db.prepare('SELECT count(*) FROM recipients WHERE move_in IS NOT NULL OR move_out IS NOT NULL').pluck();
      expect(withMoves.get()).toBe(0);
      expect(core.roster.lastRunAt('schedule')).toBeNull();
    },
  },
  {
    migration: '0004_carrier_codes',
    seed(db) {
      // Monday to Saturday (bits 1..32), 08:00 to 20:00, no end date; one visit already checked.
      db.prepare(
        `INSERT INTO carrier_codes (id, carrier, name, pin_hash, pin_enc, days, from_minute, until_minute, until_date, status, created_at, created_by)
         VALUES (1, 'ups', 'UPS', ?, ?, 63, 480, 1200, NULL, 'active', ?, 1)`,
      ).run(keys.lookupHash('pin', carrierCode), keys.seal(carrierCode), t0);
      db.prepare(
        `INSERT INTO carrier_visits (carrier_code_id, carrier, name, entered_at, checked_at, logged) VALUES (1, 'ups', 'UPS', ?, ?, 2)`,
      ).run(t0, t0 + 30 * 60_000);
    },
    survived(core) {
      expect(core.carrierCodes.list()).toEqual([
        expect.objectContaining({
          carrier: 'ups',
          name: 'UPS',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
          from: '08:00',
          until: '20:00',
        }),
      ]);
      expect(core.carrierCodes.lookup(cliActor, 1).code).toBe(carrierCode);
      expect(core.db.prepare('SELECT count(*) FROM carrier_visits WHERE checked_at IS NULL').pluck().get()).toBe(0);
    },
    olderRows(core) {
      expect(core.carrierCodes.list()).toEqual([]);
    },
  },
  {
    migration: '0005_door_state',
    seed(db) {
      db.prepare('INSERT INTO door_throttle_devices (device, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)').run(
        'lobby-keypad',
        9,
        t0,
        lockedUntil2100,
      );
      db.prepare('INSERT INTO login_failures (username, count, until) VALUES (?, ?, ?)').run('ada', 5, lockedUntil2100);
    },
    survived(core) {
      expect(core.access.keypadLockedUntil()).toBe(lockedUntil2100);
      expect(core.repos.loginFailures.get('ada')).toEqual(expect.objectContaining({ count: 5, until: lockedUntil2100 }));
    },
    olderRows(core) {
      expect(core.access.keypadLockedUntil()).toBeNull();
    },
  },
  {
    migration: '0006_packages',
    seed(db) {
      db.prepare(
        `INSERT INTO packages (id, tracking, carrier, recipient_id, shelf, size, status, logged_at, logged_by, logged_by_name, updated_at)
         VALUES (1, '1Z999AA10123456784', 'ups', 1, 'A3', 'large', 'waiting', ?, 1, 'ada', ?)`,
      ).run(t0, t0);
    },
    survived(core) {
      expect(core.packages.get(1)).toMatchObject({ tracking: '1Z999AA10123456784', carrier: 'ups', shelf: 'A3', status: 'waiting' });
    },
    olderRows(core) {
      expect(core.packages.list({ status: 'all', query: '', sort: 'newest', limit: 10, offset: 0 }).items).toEqual([]);
    },
  },
  {
    migration: '0007_backups_audit_chain',
    seed(db) {
      db.prepare(
        `INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file, bytes, message)
         VALUES (?, ?, 'schedule', 'ok', 'packroom-maple-court-20250106T020000Z.sqlite', 4096, NULL)`,
      ).run(t0, t0 + 500);
      db.prepare(
        `INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file, bytes, message)
         VALUES (?, ?, 'staff', 'failed', NULL, NULL, 'The backup folder E:\\Backups is missing. Plug in the USB stick or reconnect the network share.')`,
      ).run(t0 + 1000, t0 + 1200);
    },
    survived(core) {
      expect(core.db.prepare("SELECT count(*) FROM backup_runs WHERE outcome = 'ok'").pluck().get()).toBe(1);
      expect(verifyAuditChain(core.repos.audit)).toMatchObject({ ok: true });
    },
    olderRows(core) {
      // Rows written before the chain existed are chained by the migration, in id order.
      const rows = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
      expect(verifyAuditChain(core.repos.audit)).toMatchObject({ ok: true, checked: rows });
    },
  },
  {
    migration: '0008_languages',
    seed(db) {
      db.prepare("UPDATE recipients SET language = 'es' WHERE id = 1").run();
      db.prepare("UPDATE staff SET language = 'es' WHERE id = 1").run();
    },
    survived(core) {
      expect(core.recipients.get(1).language).toBe('es');
    },
    olderRows(core) {
      // Before languages existed everyone follows the site language.
      expect(core.db.prepare('SELECT count(*) FROM recipients WHERE language IS NOT NULL').pluck().get()).toBe(0);
    },
  },
  {
    migration: '0009_roster_import',
    seed(db) {
      db.prepare('INSERT INTO roster_mappings (preset, columns, status_values, saved_at) VALUES (?, ?, ?, ?)').run(
        'yardi',
        JSON.stringify({ externalId: 0, unit: 1 }),
        JSON.stringify({ 'in house': 'current' }),
        t0,
      );
    },
    survived(core) {
      expect(core.db.prepare("SELECT status_values FROM roster_mappings WHERE preset = 'yardi'").pluck().get()).toBe(
        JSON.stringify({ 'in house': 'current' }),
      );
    },
    olderRows(core) {
      // Nothing was half-applied before the journal existed.
      expect(core.db.prepare('SELECT count(*) FROM roster_applies').pluck().get()).toBe(0);
    },
  },
  {
    migration: '0010_package_notice_channels',
    seed(db) {
      db.prepare("UPDATE recipients SET package_notices = 'sms' WHERE id = 2").run();
    },
    survived(core) {
      expect(core.recipients.get(2).packageNotices).toBe('sms');
    },
    olderRows(core) {
      // Everyone had package notices on every channel on file before they could choose.
      expect(core.db.prepare('SELECT count(*) FROM recipients WHERE package_notices IS NOT NULL').pluck().get()).toBe(0);
    },
  },
  {
    migration: '0011_outbox_sentences',
    seed(db) {
      db.prepare(
        `INSERT INTO outbox (channel, recipient_id, access_key_id, template, destination, status, attempts, next_attempt_at, last_error, last_error_key, created_at)
         VALUES ('email', 1, 1, 'permanent', 'ana@example.com', 'failed', 2, ?, 'Twilio is busy or unavailable', 'notification.twilioBusy', ?)`,
      ).run(t0, t0);
    },
    survived(core) {
      const failed = core.notifications.forRecipient(1).find((n) => n.attempts === 2)!;
      expect(messageText(failed.lastError!, 'es')).toBe('Twilio está ocupado o no disponible');
    },
  },
  {
    migration: '0012_roster_run_sentences',
    seed(db) {
      // The applied import of tenants.csv left two recipients as edited: a sentence, with its English beside it.
      db.prepare(
        "UPDATE roster_runs SET message = ?, message_key = 'roster.run.editedMeanwhile', message_params = ? WHERE file_name = 'tenants.csv'",
      ).run(
        '2 recipient(s) edited while the import was applying were left as edited. Preview the file again to apply their rows.',
        JSON.stringify({ count: 2 }),
      );
    },
    survived(core) {
      expect(core.roster.runs(10).map((r) => r.message)).toEqual([message('roster.run.editedMeanwhile', { count: 2 })]);
    },
    olderRows(core) {
      // The runs saved before had no message (for one with an English message, see "reads a run message saved in English").
      expect(core.roster.runs(10).filter((r) => r.message !== null)).toEqual([]);
    },
  },
  {
    migration: '0013_backup_run_sentences',
    seed(db) {
      db.prepare(
        `INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file, bytes, message, message_key, message_params)
         VALUES (?, ?, 'schedule', 'failed', NULL, NULL, ?, 'backups.folderFull', ?)`,
      ).run(
        t0 + 2000,
        t0 + 2100,
        'The backup folder F:\\ is full. Free some space or choose another folder.',
        JSON.stringify({ folder: 'F:\\' }),
      );
    },
    survived(core) {
      const run = core.backups.runs(50).find((r) => r.at === new Date(t0 + 2000).toISOString());
      expect(run?.message).toEqual({ key: 'backups.folderFull', params: { folder: 'F:\\' } });
      expect(messageText(run!.message!, 'es')).toBe('La carpeta de las copias F:\\ está llena. Libere espacio o elija otra carpeta.');
    },
    olderRows(core) {
      // A failure recorded before sentences were stored reads back as the English it was written in.
      const english = core.db
        .prepare('SELECT message FROM backup_runs WHERE message IS NOT NULL AND message_key IS NULL ORDER BY id DESC')
        .pluck()
        .all();
      const read = core.backups.runs(50).filter((r) => r.message?.key === 'text');
      expect(read.map((r) => r.message)).toEqual(english.map((text) => ({ key: 'text', params: { text } })));
    },
  },
  {
    migration: '0014_alert_sentences',
    seed(db) {
      // Acknowledged, so the open alerts earlier fixtures expect stay as they are.
      db.prepare(
        `INSERT INTO alerts (at, kind, message, message_key, message_params, acknowledged_at, acknowledged_by)
         VALUES (?, 'door.relay', ?, 'alert.relayOffFailed', '{"relay":"16c0:05df"}', ?, 1)`,
      ).run(t0, 'The door relay (16c0:05df) did not switch off. The door may be unlocked: check it now.', t0 + 60_000);
    },
    survived(core) {
      const row = core.db.prepare("SELECT message_key AS key, message_params AS params FROM alerts WHERE kind = 'door.relay'").get() as {
        key: string;
        params: string;
      };
      const sentence = { key: row.key, params: JSON.parse(row.params) as Record<string, string> } as Message;
      expect(messageText(sentence)).toBe('The door relay (16c0:05df) did not switch off. The door may be unlocked: check it now.');
      expect(messageText(sentence, 'es')).toBe(
        'El relé de la puerta (16c0:05df) no se apagó. Puede que la puerta esté desbloqueada: revísela ahora.',
      );
    },
    olderRows(core) {
      // Alerts from before sentences have only their English, and list as it (the `text` sentence) in every language.
      expect(core.db.prepare('SELECT count(*) FROM alerts WHERE message_key IS NOT NULL OR message_params IS NOT NULL').pluck().get()).toBe(
        0,
      );
      const english = core.db
        .prepare('SELECT message FROM alerts WHERE acknowledged_at IS NULL ORDER BY id DESC')
        .pluck()
        .all() as string[];
      expect(core.alerts.list().map((a) => a.message)).toEqual(english.map((text) => message('text', { text })));
    },
  },
];

/** A data folder whose database a Packroom on schema `version` wrote, holding that version's rows. */
function dataFolderAt(version: number): string {
  const dir = tempDir();
  const db = new Database(databaseFile(dir));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const [index, fixture] of fixtures.slice(0, version).entries()) {
    migrate(db, index + 1);
    fixture.seed(db);
  }
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  db.close();
  return dir;
}

describe('schema upgrades', () => {
  it('reads a run message saved in English, before runs had sentences, as that English in every language', async () => {
    const dataDir = dataFolderAt(migrations.findIndex((m) => m.name === '0012_roster_run_sentences'));
    const db = new Database(databaseFile(dataDir));
    const english = 'There is no CSV or Excel (.xlsx) file in /exports.';
    db.prepare(
      `INSERT INTO roster_runs (started_at, finished_at, trigger, actor, file_name, outcome, message, counts)
       VALUES (?, ?, 'schedule', 'daily import', NULL, 'failed', ?, NULL)`,
    ).run(t0, t0, english);
    db.close();
    const core = createCore({ dataDir, dataKey, env: {} });
    try {
      const [run] = core.roster.runs(1);
      expect(run?.message).toEqual(message('text', { text: english }));
      expect(messageText(run!.message!, 'es')).toBe(english);
    } finally {
      await core.close();
    }
  });

  it('has an upgrade fixture for every migration, in order', () => {
    // A new migration needs its fixture here: what a database on it holds, and what must survive.
    expect(fixtures.map((f) => f.migration)).toEqual(migrations.map((m) => m.name));
  });

  // The current version too: reopening applies nothing and must keep everything (and it runs the newest fixture).
  const versions = [...migrations.keys(), migrations.length];
  it.each(versions)('opens a database at schema version %i, upgraded, with its data intact', async (version) => {
    const dataDir = dataFolderAt(version);
    const core = createCore({ dataDir, dataKey, env: {} });
    try {
      expect(core.db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(core.db.pragma('foreign_key_check')).toEqual([]);
      fixtures.slice(version).forEach((f) => f.olderRows?.(core));
      fixtures.slice(0, version).forEach((f) => f.survived(core));
    } finally {
      await core.close();
    }
  });
});

const migrationsDir = join(import.meta.dirname, '..', '..', 'src', 'db', 'migrations');
const snapshotName = 'test/integration/migrations.snapshot.json';
const snapshotFile = join(import.meta.dirname, 'migrations.snapshot.json');

/** Line endings are normalised so a Windows checkout (autocrlf) hashes the same. */
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(migrationsDir, file), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

describe('released migrations', () => {
  const released = (JSON.parse(readFileSync(snapshotFile, 'utf8')) as { released: Record<string, string> }).released;
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();

  it('are unchanged since release', () => {
    const problems = Object.entries(released).flatMap(([file, hash]) => {
      const number = file.slice(0, 4);
      if (!files.includes(file))
        return [`migration ${number} (${file}) was released and is gone: restore it; released migrations are never removed.`];
      if (sha256(file) !== hash) {
        return [`migration ${number} was released; add a new migration instead of editing it (${file} no longer matches ${snapshotName}).`];
      }
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('are all in the snapshot', () => {
    const missing = files
      .filter((f) => !(f in released))
      .map(
        (f) =>
          `migration ${f} is not in ${snapshotName}: add the line "${f}": "${sha256(f)}" to "released", so nobody edits it once it ships.`,
      );
    expect(missing).toEqual([]);
  });

  it('are listed in src/db/migrations/index.ts in number order, without gaps', () => {
    expect(migrations.map((m) => `${m.name}.sql`)).toEqual(files);
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(files.map((_, i) => i + 1));
    for (const m of migrations)
      expect(m.sql.replace(/\r\n/g, '\n')).toBe(readFileSync(join(migrationsDir, `${m.name}.sql`), 'utf8').replace(/\r\n/g, '\n'));
  });
});
