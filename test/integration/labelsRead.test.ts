import sharp from 'sharp';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createCore } from '../../src/core';
import { labelDataFolder } from '../fixtures/labels/dataFolder';
import { renderLabel, seeded, trackingFor } from '../fixtures/labels/gen';
import { hardCases } from '../fixtures/labels/roster';
import { client, signedInAdmin, tempDir } from '../helpers/core';

const caseOf = (hard: string, first: string) => hardCases.find((c) => c.hard === hard && c.lines[0] === first)!;

describe('labels.read through the core (the desk)', () => {
  it(
    'loads the reader in the background, fills in a clear label, offers candidates for an ambiguous one and refuses bad pictures',
    { timeout: 600_000 },
    async () => {
      const dir = tempDir();
      const ids = await labelDataFolder(dir);
      const core = createCore({ dataDir: dir, env: {}, readLabels: true });
      onTestFinished(() => core.close());
      core.start();
      const staff = await signedInAdmin(core);

      const outsider = await client(core).call('labels.status', {});
      expect(outsider).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

      // Started by start(), not by the first request: it is loading (or already loaded) before anyone asks.
      expect(['loading', 'ready']).toContain((await staff.ok('labels.status', {})).state);
      await vi.waitFor(async () => expect(await staff.ok('labels.status', {})).toMatchObject({ state: 'ready' }), {
        timeout: 300_000,
        interval: 200,
      });
      const status = await staff.ok('labels.status', {});
      expect(status.state === 'ready' && status.coldMs).toBeGreaterThan(0);

      const rng = seeded(7);
      const tracking = trackingFor('ups', rng);
      const clean = await renderLabel('ups', caseOf('same surname, unit', 'JOHN SMITH'), tracking, rng);
      const read = await staff.ok('labels.read', { image: clean.toString('base64') });
      expect(read).toMatchObject({
        tracking,
        carrier: 'ups',
        outcome: 'matched',
        recipient: { id: ids.get('smith-john'), name: 'John Smith', unit: '4B' },
      });
      const nameLine = read.shipTo[0]!;
      expect(nameLine.marks.map((m) => nameLine.text.slice(m.start, m.end))).toEqual(['JOHN', 'SMITH']);
      expect(read.ms).toBeGreaterThan(0);

      const ambiguous = await renderLabel('fedex', caseOf('initial, no unit', 'J SMITH'), trackingFor('fedex', rng), rng);
      const unsure = await staff.ok('labels.read', { image: ambiguous.toString('base64') });
      expect(unsure.outcome).toBe('several');
      expect(unsure.recipient).toBeNull();
      expect(unsure.candidates.slice(0, 3).map((c) => c.id)).toContain(ids.get('smith-john'));
      expect(unsure.candidates[0]!.why.length).toBeGreaterThan(0);

      const packagesBefore = core.db.prepare('SELECT count(*) FROM packages').pluck().get();
      const refused = async (image: string) => {
        const envelope = await staff.call('labels.read', { image });
        expect(envelope.ok).toBe(false);
        return envelope.ok ? null : envelope.error;
      };
      // A text file named .png, a 1×1 picture, a 50 MB one: each said as such, in the catalogs' words.
      expect(await refused(Buffer.from('this is not a picture\n').toString('base64'))).toMatchObject({
        code: 'VALIDATION',
        key: 'labels.notImage',
      });
      const dot = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();
      expect(await refused(dot.toString('base64'))).toMatchObject({ code: 'VALIDATION', key: 'labels.tooSmall' });
      expect(await refused(Buffer.alloc(50 * 1024 * 1024, 7).toString('base64'))).toMatchObject({
        code: 'VALIDATION',
        key: 'labels.tooLarge',
      });
      // A frame with no label in it is a reading that says so, not an error.
      const box = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#b08a5a' } })
        .jpeg()
        .toBuffer();
      expect(await staff.ok('labels.read', { image: box.toString('base64') })).toMatchObject({
        outcome: 'unreadable',
        recipient: null,
        tracking: null,
      });
      expect(core.db.prepare('SELECT count(*) FROM packages').pluck().get()).toBe(packagesBefore);
    },
  );
});
