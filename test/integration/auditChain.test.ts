import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { message } from '../../src/contract';
import { createCore, type Core } from '../../src/core';
import { auditHash } from '../../src/db/auditChain';
import { migrations } from '../../src/db/migrations';
import { openDatabase } from '../../src/db/open';
import { createRepositories } from '../../src/db/repositories';
import { cliActor } from '../../src/services/audit/service';
import { verifyAuditChain } from '../../src/services/auditTrail';
import { signedInAdmin, tempDir, testCore } from '../helpers/core';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'packroom.js');
const packroom = (args: string[], input = '') => {
  const r = spawnSync(process.execPath, [bin, ...args], { input, env: { ...process.env, PACKROOM_DATA: '' }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

function someActivity(core: Core, rows: number) {
  core.tx.run(() =>
    core.audit.recordBatch(
      cliActor,
      Array.from({ length: rows }, (_, i) => ({ action: 'test.row', subject: `thing:${i}`, details: { i, text: 'a, "quoted" value' } })),
    ),
  );
}

describe('the audit chain', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before the CLI tests (npm test does).');
  });

  it('chains every row as it is written, and `packroom audit verify` finds the first edited or removed row', async () => {
    const data = tempDir();
    const core = createCore({ dataDir: data, env: {} });
    core.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '4B', email: null, phone: null });
    someActivity(core, 20);
    const total = core.audit.list({ limit: 500 }).items.length;
    await core.close();

    const ok = packroom(['audit', 'verify', '--data', data]);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(
      new RegExp(`^The audit log verifies: ${total} rows checked, the last is row ${total} \\(.+\\) with hash [0-9a-f]{64}\\.\\n$`),
    );

    const raw = new Database(join(data, 'packroom.db'));
    const original = raw.prepare('SELECT details FROM audit_log WHERE id = 7').pluck().get();
    raw.prepare(`UPDATE audit_log SET details = json_set(details, '$.i', 99) WHERE id = 7`).run();
    raw.close();
    const edited = packroom(['audit', 'verify', '--data', data]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(
      /^The audit log does not verify: row 7 \(\d{4}-\d\d-\d\dT.+Z\) does not match the chain: .* 6 rows before it are intact\.\n$/,
    );

    const raw2 = new Database(join(data, 'packroom.db'));
    raw2.prepare('UPDATE audit_log SET details = ? WHERE id = 7').run(original);
    expect(packroom(['audit', 'verify', '--data', data]).code).toBe(0);
    raw2.prepare('DELETE FROM audit_log WHERE id = 12').run();
    raw2.close();
    const removed = packroom(['audit', 'verify', '--data', data]);
    expect(removed.code).toBe(1);
    expect(removed.stderr).toMatch(/row 13 .* rows 12 to 12 are missing/);
  });

  it('chains the rows a database had before the upgrade, in order', () => {
    const file = join(tempDir(), 'packroom.db');
    const old = new Database(file);
    const before = migrations.findIndex((m) => m.name === '0007_backups_audit_chain');
    for (const m of migrations.slice(0, before)) old.exec(m.sql);
    old.pragma(`user_version = ${before}`);
    const insert = old.prepare('INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)');
    old.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run(1_700_000_000_000 + i, 'door', 'door.denied', null, i % 2 ? JSON.stringify({ i }) : null);
    })();
    old.close();

    const db = openDatabase(file);
    const audit = createRepositories(db).audit;
    expect(verifyAuditChain(audit)).toMatchObject({ ok: true, checked: 1000, last: { id: 1000 } });
    const rows = [...audit.chain()];
    expect(rows[0]!.hash).toEqual(auditHash(null, rows[0]!));
    expect(rows[999]!.hash).toEqual(auditHash(rows[998]!.hash, rows[999]!));
    audit.insert({ at: 1_800_000_000_000, actorStaffId: null, actor: 'cli', action: 'after.upgrade', subject: null, details: null });
    expect(verifyAuditChain(audit)).toMatchObject({ ok: true, checked: 1001 });
    db.close();
  });

  it('exports a date range as CSV with the chain hashes, in pieces, and the door events alone', async () => {
    const core = testCore();
    const staff = await signedInAdmin(core);
    const start = core.clock.now();
    someActivity(core, 12_000);
    core.access.decide({ via: 'pin', secret: '12345679', device: 'keypad' });
    core.access.recordStaffOpen(cliActor, message('text', { text: 'Resident locked out' }), null);
    core.alerts.raise('door.relay', message('text', { text: 'The door relay did not switch off.' }));
    const range = { from: new Date(start - 1000).toISOString(), to: new Date(core.clock.now() + 1000).toISOString() };

    const exportAll = async (doorOnly: boolean) => {
      let csv = '';
      let afterId: number | undefined;
      let pieces = 0;
      do {
        const chunk = await staff.ok('activity.export', { ...range, doorOnly, ...(afterId === undefined ? {} : { afterId }) });
        csv += chunk.csv;
        afterId = chunk.nextAfterId ?? undefined;
        pieces++;
      } while (afterId !== undefined);
      return { rows: parse(csv, { columns: true }) as Record<string, string>[], pieces };
    };

    const all = await exportAll(false);
    expect(all.pieces).toBeGreaterThan(2);
    const stored = new Map([...core.repos.audit.chain()].map((r) => [r.id, r]));
    const inRange = [...stored.values()].filter((r) => r.at >= start - 1000);
    expect(all.rows.map((r) => Number(r.id))).toEqual(inRange.map((r) => r.id));
    const sample = all.rows.find((r) => r.action === 'test.row')!;
    expect(sample).toMatchObject({ actor: 'cli', details: expect.stringContaining('"text":"a, \\"quoted\\" value"') });
    for (const row of all.rows) {
      const own = stored.get(Number(row.id))!;
      expect(row.hash).toBe(own.hash!.toString('hex'));
      const content = { ...own, at: Date.parse(row.at!), details: row.details === '' ? null : row.details! };
      expect(auditHash(Buffer.from(row.previous_hash!, 'hex'), content).toString('hex')).toBe(row.hash);
    }

    const door = await exportAll(true);
    expect(door.rows.map((r) => r.action)).toEqual(['door.denied', 'door.opened_by_staff', 'alert.raised']);
    expect(door.rows[2]!.details).toContain('door.relay');

    const recorded = core.audit.list({ limit: 5 }).items.filter((e) => e.action === 'activity.export');
    expect(recorded).toHaveLength(2);
    expect((await staff.call('activity.export', { from: range.to, to: range.from })).ok).toBe(false);
  });

  it('writes a cell that a spreadsheet would run as a formula as text', async () => {
    const core = testCore();
    const staff = await signedInAdmin(core);
    const r = core.recipients.create(cliActor, { firstName: '=HYPERLINK("x")', lastName: 'Lopez', unit: '4B', email: null, phone: null });
    core.tx.run(() => core.audit.record({ staffId: null, label: '@attacker' }, 'test.formula', `recipient:${r.id}`));
    const { csv } = await staff.ok('activity.export', {
      from: new Date(0).toISOString(),
      to: new Date(core.clock.now() + 1).toISOString(),
    });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.find((row) => row.action === 'test.formula')!.actor).toBe("'@attacker");
  });
});
