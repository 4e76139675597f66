/**
 * Photos and signatures shared by the nodes of a site (issue 20, 22), over a real `nats-server -js`: a photo kept
 * at one node is shown at the other, byte for byte; one kept before `site init` goes too; a deletion by retention
 * reaches the other node, whose copy goes as well.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { cliActor, type Actor } from '../../src/services/audit/service';
import { tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';

const dataKey = Buffer.alloc(32, 8);
const day = 86_400_000;
const ana: Actor = { staffId: null, label: 'Ana' };
let nats: TestNatsServer;
let sites = 0;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

function open(dir: string): Core {
  const core = createCore({ dataDir: dir, dataKey, env: {}, timeZone: 'UTC' });
  onTestFinished(() => core.close());
  core.sync?.start();
  return core;
}

async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function photo(seed: number): Promise<Buffer> {
  const [width, height] = [1600, 1200];
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = ((((i / 3) % width) >> 4) ^ ((i / 3 / width) >> 4)) * seed;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Logs a package for a new recipient at `core` and keeps its label's photo; returns the package's uid and the photo's. */
async function logWithPhoto(core: Core, tracking: string, seed: number) {
  const who = core.recipients.create(cliActor, { firstName: 'Ann', lastName: `Lee${seed}`, unit: `${seed}B`, email: null, phone: null });
  const picture = await core.attachments.prepare((await photo(seed)).toString('base64'), 'photo', 'photo');
  const pkg = core.packages.log(ana, { tracking, carrier: 'amazon', recipientId: who.id, size: 'small', perishable: false });
  const uid = core.tx.run(() => core.attachments.keep(ana, { id: pkg.id, recipientId: who.id, tracking: pkg.tracking }, 'label', picture));
  const packageUid = core.db.prepare('SELECT uid FROM packages WHERE id = ?').pluck().get(pkg.id) as string;
  return { uid, packageUid, bytes: picture.bytes, packageId: pkg.id };
}

const photoAt = (core: Core, uid: string) => (core.repos.attachments.byUid(uid) ? core.attachments.get(uid) : undefined);

describe('photos and signatures on a site of two nodes', () => {
  it('a photo taken at the desk is shown at the door, one from before site init too, and retention deletes it on both', async () => {
    const name = `photos-${++sites}`;
    const deskDir = tempDir();
    const doorDir = tempDir();
    // Kept while the desk was a single PC: `site init` shares it with its package.
    const single = createCore({ dataDir: deskDir, dataKey, env: {}, timeZone: 'UTC' });
    const before = await logWithPhoto(single, 'TBA100000000001', 3);
    await single.site.init({ url: nats.url, site: name, node: 'desk' });
    await single.close();
    const empty = createCore({ dataDir: doorDir, dataKey, env: {} });
    empty.repos.sync.configure(name, 'door', nats.url);
    await empty.close();
    const desk = open(deskDir);
    const door = open(doorDir);

    const taken = await logWithPhoto(desk, 'TBA100000000002', 5);
    // The change stays well under NATS' 1 MB payload.
    const largest = desk.db.prepare("SELECT max(length(fields)) FROM sync_outbox WHERE entity = 'attachment'").pluck().get() as
      number | null;
    if (largest !== null) expect(largest).toBeLessThan(700_000);

    for (const kept of [before, taken]) {
      await until('the photo reached the door', () => photoAt(door, kept.uid)?.dataUrl != null);
      const there = door.attachments.get(kept.uid);
      expect(Buffer.from(there.dataUrl!.split(',')[1]!, 'base64').equals(kept.bytes)).toBe(true);
      expect(there).toMatchObject({ kind: 'label', takenByName: 'Ana', deletedAt: null });
      const packageId = door.db.prepare('SELECT id FROM packages WHERE uid = ?').pluck().get(kept.packageUid) as number;
      expect(door.attachments.list(packageId).map((a) => a.uid)).toEqual([kept.uid]);
    }
    expect(door.repos.attachments.byUid(taken.uid)!.origin).toBe(desk.repos.sync.node().nodeUid);

    // Picked up, and 91 days later the desk's daily pass deletes it: the door's copy goes too.
    desk.packages.handOver(ana, taken.packageId, null);
    desk.clock.advance(91 * day);
    door.clock.advance(91 * day);
    expect(desk.attachments.expire()).toBe(1);
    const deletedAt = desk.attachments.get(taken.uid).deletedAt;
    await until('the deletion reached the door', () => door.attachments.get(taken.uid).deletedAt !== null);
    expect(door.attachments.get(taken.uid)).toMatchObject({ deletedAt, dataUrl: null });
    expect(door.attachments.get(before.uid).dataUrl).not.toBeNull();
  });
});
