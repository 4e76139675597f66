/** Migration 0024_attachments: photos and signatures kept with a package, their bytes apart. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const sha = 'ab'.repeat(32);

export const fixture: Fixture = {
  migration: '0024_attachments',
  seed(db) {
    const recipient = db
      .prepare(`INSERT INTO recipients (first_name, last_name, unit, created_at, updated_at) VALUES ('Ines', 'Image', '24B', ?, ?)`)
      .run(t0, t0).lastInsertRowid;
    const pkg = db
      .prepare(
        `INSERT INTO packages (tracking, carrier, recipient_id, size, status, logged_at, logged_by_name, updated_at)
         VALUES ('TBA240000000024', 'amazon', ?, 'small', 'waiting', ?, 'ada', ?)`,
      )
      .run(recipient, t0, t0).lastInsertRowid;
    const attachment = db
      .prepare(
        `INSERT INTO attachments (kind, package_id, mime, size, sha256, width, height, taken_by_name, taken_at)
         VALUES ('label', ?, 'image/jpeg', 3, ?, 640, 480, 'ada', ?)`,
      )
      .run(pkg, sha, t0).lastInsertRowid;
    db.prepare('INSERT INTO attachment_bytes (attachment_id, bytes) VALUES (?, ?)').run(attachment, Buffer.from([1, 2, 3]));
  },
  survived(core) {
    const id = core.db.prepare("SELECT id FROM packages WHERE tracking = 'TBA240000000024'").pluck().get() as number;
    const [photo] = core.attachments.list(id);
    expect(photo).toMatchObject({ kind: 'label', mime: 'image/jpeg', width: 640, height: 480, takenByName: 'ada', deletedAt: null });
    expect(photo!.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(core.attachments.get(photo!.uid).dataUrl).toBe('data:image/jpeg;base64,AQID');
  },
  olderRows(core) {
    // Packages from before have no photos; the tables start empty for them.
    const older = core.db.prepare(
      "SELECT count(*) FROM attachments a JOIN packages p ON p.id = a.package_id WHERE p.tracking != 'TBA240000000024'",
    );
    expect(older.pluck().get()).toBe(0);
  },
};

upgradeTests(fixture);
