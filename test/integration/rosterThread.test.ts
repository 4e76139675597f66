import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/contract';
import { databaseFile } from '../../src/paths';
import { fingerprintNow, rosterFingerprint } from '../../src/services/roster/fingerprint';
import { preparePreview, type PreviewRequest } from '../../src/services/roster/prepare';
import { PreviewThreads } from '../../src/services/roster/thread';
import { tempDir, testCore } from '../helpers/core';
import { importRoster, rosterFixture, withoutTenant, yardiFile, yardiText } from '../helpers/roster';

const request = (bytes: Buffer): PreviewRequest => ({
  bytes,
  fileName: 'tenants.csv',
  preset: 'yardi',
  saved: null,
  today: '2026-06-01',
  manualPolicy: 'keep-manual',
  defaultCountry: 'US',
  maxDeactivateShare: 0.2,
});

describe('the roster preview thread', () => {
  it('makes the same preview, with the same plan, as the main thread does', async () => {
    const dataDir = tempDir();
    const core = testCore({ dataDir });
    await importRoster(core, rosterFixture(yardiFile));
    const changed = request(Buffer.from(withoutTenant(yardiText(), 't0001003').replace('Okafor', 'Okafor-Reyes')));
    const phases = new Set<string>();

    const inThread = await new PreviewThreads({ file: databaseFile(dataDir) }).prepare(changed, (phase) => phases.add(phase));
    const recipients = core.repos.recipients;
    const here = await preparePreview(
      changed,
      async () => ({
        fingerprint: fingerprintNow(rosterFingerprint(recipients)),
        existing: recipients.forRoster(0, 10_000),
        handAdded: recipients.handAdded(),
      }),
      () => {},
    );
    expect(inThread).toEqual(here);
    expect(inThread!.plan).toMatchObject({ counts: { movedOut: 1 }, fingerprint: fingerprintNow(rosterFingerprint(recipients)) });
    expect([...phases]).toEqual(['reading', 'checking']);
  });

  it('takes a file of several megabytes whole, and leaves the caller its copy', async () => {
    const dataDir = tempDir();
    testCore({ dataDir });
    const rows = Array.from(
      { length: 30_000 },
      (_, i) => `hbr,${i % 900},t${i},"Last${i}, First${i}",Current,01/15/2023,,first${i}@example.com,,\n`,
    );
    const bytes = Buffer.from(
      `Property,Unit,Tenant Code,Tenant Name,Status,Move In,Move Out,Email,Phone (Cell),Phone (Home)\n${rows.join('')}`,
    );
    const copy = Buffer.from(bytes);
    expect(bytes.length).toBeGreaterThan(2 ** 21);

    const prepared = await new PreviewThreads({ file: databaseFile(dataDir) }).prepare(request(bytes), () => {});
    expect(prepared!.preview.rows).toBe(30_000);
    expect(prepared!.plan!.counts.added).toBe(30_000);
    expect(bytes.equals(copy)).toBe(true);
  });

  it('leaves the preview to the caller when its thread cannot open the database', async () => {
    const threads = new PreviewThreads({ file: `${tempDir()}/no-such.db` });
    expect(await threads.prepare(request(rosterFixture(yardiFile)), () => {})).toBeNull();
  });

  it('refuses a file it cannot read with the same words as on the main thread', async () => {
    const dataDir = tempDir();
    testCore({ dataDir });
    const refusal = await new PreviewThreads({ file: databaseFile(dataDir) })
      .prepare(request(Buffer.from('  \n')), () => {})
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ code: 'VALIDATION', message: 'This file is empty.', field: 'file' });
  });
});
