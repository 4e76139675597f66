import { describe, expect, it, vi } from 'vitest';
import { cliActor } from '../../src/services/audit/service';
import { client, signedInAdmin, testCore } from '../helpers/core';
import {
  dryRunInEnglish,
  importRoster,
  opensDoor,
  pinOf,
  preview,
  recipientByExternalId,
  rosterFixture,
  uploadFile,
  withoutTenant,
  yardiFile,
  yardiText,
} from '../helpers/roster';

const countRecipients = (core: ReturnType<typeof testCore>) => core.db.prepare('SELECT count(*) FROM recipients').pluck().get() as number;
const countAudit = (core: ReturnType<typeof testCore>) => core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe('roster import: round trip', () => {
  it('imports a Yardi export with credentials, then applies exactly an edited phone and a removed resident', async () => {
    const core = testCore();
    const first = await importRoster(core, rosterFixture(yardiFile));
    // O'Brien's move-out date and Kowalczyk's "Past" status are before today: not worth adding.
    expect(first.dryRun.diff?.counts).toMatchObject({ added: 8, skippedInactive: 2, errors: 0 });
    expect(first.run).toMatchObject({ outcome: 'applied', trigger: 'cli', counts: { added: 8 } });

    const okafor = recipientByExternalId(core, 't0001001');
    const ivanova = recipientByExternalId(core, 't0001009');
    expect(okafor).toMatchObject({ firstName: 'Chidi', lastName: 'Okafor', unit: '101', phone: '+12125550101', moveIn: '2022-03-01' });
    const ivanovaPin = pinOf(core, ivanova.id);
    expect(opensDoor(core, ivanovaPin)).toBe(true);

    const edited = withoutTenant(yardiText().replace('(212) 555-0101', '646-555-0199'), 't0001009');
    const second = await preview(core, edited);
    expect(second.diff).toMatchObject({
      counts: { added: 0, changed: 1, movedOut: 1, reactivated: 0, unchanged: 6, errors: 0 },
      changed: [
        {
          recipientId: okafor.id,
          name: 'Chidi Okafor',
          line: 2,
          changes: [{ field: 'phone', from: '+12125550101', to: '+16465550199', applied: true }],
        },
      ],
      movedOut: [{ recipientId: ivanova.id, name: 'Анна Иванова', line: null, reason: 'missing-from-file' }],
      safety: { activeBefore: 8, wouldDeactivate: 1, share: 1 / 8, limit: 0.2, exceeded: false },
    });

    const run = await core.roster.apply(cliActor, second.id!, { confirmLargeDeactivation: false, trigger: 'cli' });
    expect(run.counts).toMatchObject({ changed: 1, movedOut: 1 });
    expect(recipientByExternalId(core, 't0001001').phone).toBe('+16465550199');
    expect(recipientByExternalId(core, 't0001009').status).toBe('inactive');
    expect(opensDoor(core, ivanovaPin)).toBe(false);
    expect(core.credentials.overview(ivanova.id).permanent).toBeNull();

    const history = core.audit.list({ limit: 5, subject: `recipient:${ivanova.id}` }).items.map((e) => [e.action, e.details?.reason]);
    expect(history[0]).toEqual(['roster.deactivated', 'missing-from-file']);
    const summaries = core.audit.list({ limit: 500 }).items.filter((e) => e.action === 'roster.import');
    expect(summaries.map((e) => [e.details?.changed, e.details?.movedOut])).toEqual([
      [1, 1],
      [0, 0],
    ]);
  });

  it('never touches recipients added by hand, and deletes nobody', async () => {
    const core = testCore();
    const manual = core.recipients.create(cliActor, { firstName: 'Hand', lastName: 'Made', unit: '999', email: null, phone: null });
    await importRoster(core, rosterFixture(yardiFile));
    await importRoster(core, withoutTenant(yardiText(), 't0001002'));
    expect(core.recipients.get(manual.id).status).toBe('active');
    expect(countRecipients(core)).toBe(9);
  });

  it('runs through the API: chunked upload, preview with a corrected mapping, apply; staff may not', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    const bytes = rosterFixture('generic-residents.csv');
    const uploadId = await uploadFile(admin, bytes, 'generic-residents.csv');

    const detected = await admin.ok('roster.dryRun', { uploadId, preset: 'generic' });
    expect(detected.headers[detected.mapping.phone!]).toBe('Cell Phone');
    const homePhone = detected.headers.indexOf('Home Phone');
    const corrected = await admin.ok('roster.dryRun', { uploadId, preset: 'generic', mapping: { ...detected.mapping, phone: homePhone } });
    expect(corrected.mapping.phone).toBe(homePhone);
    expect(corrected.diff?.added.find((a) => a.externalId === 'G-01')?.phone).toBe('+12125550150');

    const clash = await admin.call('roster.dryRun', {
      uploadId,
      preset: 'generic',
      mapping: { ...detected.mapping, email: homePhone, phone: homePhone },
    });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'mapping', message: 'The column "Home Phone" is chosen twice. Choose it for one field only.' },
    });

    const run = await admin.ok('roster.apply', { dryRunId: corrected.id! });
    expect(run).toMatchObject({ outcome: 'applied', trigger: 'staff', actor: 'ada' });
    expect(await admin.call('roster.apply', { dryRunId: corrected.id! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await admin.ok('roster.status', {})).runs[0]).toMatchObject({ id: run.id, fileName: 'generic-residents.csv' });

    await admin.ok('staff.create', { username: 'desk', displayName: 'Desk', role: 'staff', password: 'a long enough password' });
    const staff = client(core);
    await staff.ok('auth.login', { username: 'desk', password: 'a long enough password' });
    expect(await staff.call('roster.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('reports progress while reading, checking and applying', async () => {
    const core = testCore();
    const phases: string[] = [];
    core.events.on('roster.progress', (p) => phases.push(`${p.phase} ${p.done}/${p.total}`));
    await importRoster(core, rosterFixture(yardiFile));
    expect(phases).toContain('checking 10/10');
    expect(phases.at(-1)).toBe('applying 8/8');
    expect(phases[0]).toMatch(/^reading 0\//);
  });
});

describe('roster import: the safety threshold', () => {
  it('stops a truncated export from locking the building out, changing nothing, until an admin confirms', async () => {
    const core = testCore();
    await importRoster(core, rosterFixture(yardiFile));
    const pin = pinOf(core, recipientByExternalId(core, 't0001010').id);
    const truncated = yardiText().split('\n').slice(0, 4).join('\n');

    const dryRun = await preview(core, truncated);
    expect(dryRun.diff?.safety).toMatchObject({ activeBefore: 8, wouldDeactivate: 5, exceeded: true });
    const audit = countAudit(core);
    await expect(core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'staff' })).rejects.toThrow(
      'This import would deactivate 5 of 8 active residents (62.5%), more than the limit of 20%.',
    );
    expect(core.recipients.search({ query: '', status: 'active', limit: 50, offset: 0 }).items).toHaveLength(8);
    expect(opensDoor(core, pin)).toBe(true);
    expect(countAudit(core)).toBe(audit + 1); // the door decision just made

    await core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: true, trigger: 'staff' });
    expect(opensDoor(core, pin)).toBe(false);
    expect(core.audit.list({ limit: 50 }).items.find((e) => e.action === 'roster.import')?.details).toMatchObject({
      confirmedLargeDeactivation: true,
    });
  });

  it('takes the limit from PACKROOM_IMPORT_MAX_DEACTIVATE_PERCENT', async () => {
    const core = testCore({ env: { PACKROOM_IMPORT_MAX_DEACTIVATE_PERCENT: '80' } });
    expect(core.settings.get().importMaxDeactivateShare).toBe(0.8);
    await importRoster(core, rosterFixture(yardiFile));
    const dryRun = await preview(core, yardiText().split('\n').slice(0, 4).join('\n'));
    expect(dryRun.diff?.safety).toMatchObject({ limit: 0.8, exceeded: false });
  });
});

describe('roster import: failures change nothing', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), 'This file is empty.'],
    ['a header-only file', rosterFixture('header-only.csv'), 'This file has a header row but no residents.'],
    [
      'a PNG renamed .csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'This does not look like a CSV or Excel file (it contains binary data).',
    ],
  ])('rejects %s with a clear message', async (_what, bytes, message) => {
    const core = testCore();
    await expect(preview(core, bytes)).rejects.toMatchObject({ code: 'VALIDATION', field: 'file', message });
    expect(countRecipients(core)).toBe(0);
  });

  it('asks for the columns it could not find instead of guessing', async () => {
    const core = testCore();
    const dryRun = await preview(core, 'Color,Size\nred,10\n', 'generic', 'odd.csv');
    expect(dryRunInEnglish(dryRun)).toMatchObject({
      id: null,
      diff: null,
      problems: [expect.stringContaining("resident's name"), expect.stringContaining('unit')],
    });
  });

  it('rolls back the whole import when one write fails', async () => {
    const core = testCore();
    const dryRun = await preview(core, rosterFixture(yardiFile));
    const audit = countAudit(core);
    // Fails after the new recipients are written, before their credentials are.
    vi.spyOn(core.credentials, 'issueSealed').mockImplementation(() => {
      throw new Error('disk full');
    });
    await expect(core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'cli' })).rejects.toThrow('disk full');
    expect(countRecipients(core)).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM access_keys').pluck().get()).toBe(0);
    expect(countAudit(core)).toBe(audit);
  });

  it('refuses a preview that went stale because someone edited a recipient meanwhile', async () => {
    const core = testCore();
    await importRoster(core, rosterFixture(yardiFile));
    const dryRun = await preview(core, withoutTenant(yardiText(), 't0001003'));
    const okafor = recipientByExternalId(core, 't0001001');
    core.recipients.update(cliActor, okafor.id, { firstName: 'Chidi', lastName: 'Okafor', unit: '101A', email: null, phone: null });
    await expect(core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'staff' })).rejects.toThrow(
      /Recipients changed after this preview/,
    );
    expect(recipientByExternalId(core, 't0001003').status).toBe('active');
  });
});
