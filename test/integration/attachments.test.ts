/**
 * The attachment store (docs/architecture.md, "Attachments"): a photo checked, made small and kept with its package
 * in the package's transaction, listed and read back by staff, audited with who took it, refused with a clear
 * sentence when it is not a picture or too large (nothing saved), and deleted by retention on the app clock.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ApiError, messageText } from '../../src/contract';
import { cliActor } from '../../src/services/audit/service';
import { client, signedInAdmin, testCore } from '../helpers/core';

const day = 86_400_000;

/** A photo as a webcam gives it: a 2400 × 1600 JPEG with texture (about 700 KB), so it does not shrink to nothing. */
async function photo(width = 2400, height = 1600): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) pixels[(y * width + x) * 3 + c] = ((x >> 3) ^ (y >> 3)) * (c + 1) + ((x * 31 + y * 17) % 13);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function desk() {
  const core = testCore();
  const staff = await signedInAdmin(core);
  const ann = core.recipients.create(cliActor, { firstName: 'Ann', lastName: 'Lee', unit: '4B', email: null, phone: null });
  const pkg = await staff.ok('packages.log', { tracking: 'TBA123456789012', carrier: 'amazon', recipientId: ann.id });
  const ada = { staffId: core.db.prepare("SELECT id FROM staff WHERE username = 'ada'").pluck().get() as number, label: 'Ada Admin' };
  const count = () => core.db.prepare('SELECT (SELECT count(*) FROM attachments) + (SELECT count(*) FROM attachment_bytes)').pluck().get();
  return { core, staff, ann, pkg, ada, count };
}

describe('the attachment store', () => {
  it('keeps a photo small, with its package, and gives it back to staff with who took it', async () => {
    const { core, staff, ann, pkg, ada } = await desk();
    const received = await photo();
    const picture = await core.attachments.prepare(`data:image/jpeg;base64,${received.toString('base64')}`, 'photo', 'photo');
    expect(picture).toMatchObject({ mime: 'image/jpeg', width: 1280, height: 853 });
    expect(picture.bytes.length).toBeLessThan(300 * 1024);
    const uid = core.tx.run(() =>
      core.attachments.keep(ada, { id: pkg.id, recipientId: ann.id, tracking: pkg.tracking }, 'label', picture),
    );

    const listed = await staff.ok('attachments.list', { packageId: pkg.id });
    expect(listed).toEqual([
      expect.objectContaining({
        uid,
        kind: 'label',
        mime: 'image/jpeg',
        width: 1280,
        height: 853,
        takenByName: 'Ada Admin',
        deletedAt: null,
      }),
    ]);
    const got = await staff.ok('attachments.get', { uid });
    const back = Buffer.from(got.dataUrl!.replace('data:image/jpeg;base64,', ''), 'base64');
    expect(back.equals(picture.bytes)).toBe(true);
    expect((await sharp(back).metadata()).format).toBe('jpeg');

    const audit = core.db.prepare("SELECT actor, subject, details FROM audit_log WHERE action = 'attachment.label'").get() as Record<
      string,
      string
    >;
    expect(audit).toMatchObject({ actor: 'Ada Admin', subject: `recipient:${ann.id}` });
    expect(JSON.parse(audit.details!)).toMatchObject({ packageId: pkg.id, tracking: 'TBA123456789012' });
  });

  it('keeps a signature as a PNG', async () => {
    const { core } = await desk();
    const ink = await sharp({ create: { width: 600, height: 200, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="600" height="200"><path d="M20 150 C 100 20, 200 20, 580 120" stroke="black" stroke-width="4" fill="none"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    const picture = await core.attachments.prepare(ink.toString('base64'), 'signature', 'signature');
    expect(picture).toMatchObject({ mime: 'image/png', width: 600, height: 200 });
  });

  it('refuses what is not a picture, or too large, with a sentence on the field, and saves nothing', async () => {
    const { core, staff, count } = await desk();
    const refusal = async (base64: string) => {
      const error = await core.attachments.prepare(base64, 'photo', 'photo').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).field).toBe('photo');
      return messageText({ key: (error as ApiError).key!, params: (error as ApiError).params ?? {} });
    };
    // A text file named .png.
    expect(await refusal(Buffer.from('hello, this is not a picture at all\n'.repeat(20)).toString('base64'))).toBe(
      'That file is not a JPEG or PNG picture. Nothing was saved.',
    );
    // A 40 MB photo: refused by its size before anything decodes it.
    expect(await refusal(Buffer.alloc(40 * 1024 * 1024, 0xff).toString('base64'))).toMatch(/larger than 2 MB/);
    // A 1 × 1 picture.
    const dot = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect(await refusal(dot.toString('base64'))).toMatch(/1 × 1 pixels/);
    // A JPEG cut off after its header.
    expect(await refusal((await photo(800, 600)).subarray(0, 2000).toString('base64'))).toMatch(/not a JPEG or PNG/);
    expect(count()).toBe(0);

    // Through the API, an unknown uid is a sentence too.
    const missing = await client(core).call('attachments.get', { uid: '0'.repeat(32) });
    expect(missing.ok).toBe(false);
    const reply = await staff.call('attachments.get', { uid: '0'.repeat(32) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('deletes the pictures of packages that left the desk more than the retention days ago, on the app clock', async () => {
    const { core, staff, ann, pkg, ada } = await desk();
    await staff.ok('settings.update', { attachmentRetentionDays: 30 });
    const other = await staff.ok('packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: ann.id });
    const picture = await core.attachments.prepare((await photo(640, 480)).toString('base64'), 'photo', 'photo');
    const handedOver = core.tx.run(() =>
      core.attachments.keep(ada, { id: pkg.id, recipientId: ann.id, tracking: pkg.tracking }, 'label', picture),
    );
    const stillWaiting = core.tx.run(() =>
      core.attachments.keep(ada, { id: other.id, recipientId: ann.id, tracking: other.tracking }, 'label', picture),
    );
    await staff.ok('packages.handOver', { id: pkg.id, collectedBy: null });
    core.start();

    // The first pass (at start) finds nothing old enough; 31 days of the app clock later the daily pass does.
    core.clock.advance(29 * day);
    await until(() => core.clock.now() > 0);
    expect(core.attachments.get(handedOver).dataUrl).not.toBeNull();
    core.clock.advance(2 * day);
    await until(() => core.attachments.get(handedOver).deletedAt !== null);

    expect(core.attachments.get(handedOver).dataUrl).toBeNull();
    expect(core.db.prepare('SELECT count(*) FROM attachment_bytes').pluck().get()).toBe(1);
    expect(core.attachments.get(stillWaiting).dataUrl).not.toBeNull();
    const audit = core.db.prepare("SELECT actor, details FROM audit_log WHERE action = 'attachment.deleted'").get() as Record<
      string,
      string
    >;
    expect(audit.actor).toBe('system');
    expect(JSON.parse(audit.details!)).toEqual({ packageId: pkg.id, tracking: 'TBA123456789012', days: 30 });
  });
});

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the state');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
