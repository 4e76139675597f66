-- Photos and signatures kept with a package (issues 21 and 22; docs/architecture.md, "Attachments"): the label's
-- photo taken at intake, the photo and signature taken at a desk handover. Room is left for a door camera's
-- snapshot (`door`, naming its door event by uid), not built yet.
--
-- The bytes live in the database, in a table of their own: backups and restore carry them with no new code, a
-- retention delete is one transaction with the row that says so, and a listing never reads them. The row stays
-- after retention (`deleted_at`), so the package's detail can say the photo was deleted, and when.
--
-- Shared (issue 20): an attachment is inserted once, by uid; the only later change is its deletion by retention.
-- The change is written when the bytes are, carrying them as hex (SQLite has no base64; a stored image is at most
-- 300 KB, so a change stays well under NATS' 1 MB payload).
CREATE TABLE attachments (
  id             INTEGER PRIMARY KEY,
  uid            TEXT,
  kind           TEXT    NOT NULL CHECK (kind IN ('label', 'handover', 'signature', 'door')),
  package_id     INTEGER REFERENCES packages (id),
  -- A door camera's snapshot names its door event by uid (not built yet).
  door_event_uid TEXT,
  mime           TEXT    NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  size           INTEGER NOT NULL CHECK (size > 0),
  -- Of the stored bytes, lowercase hex.
  sha256         TEXT    NOT NULL CHECK (length(sha256) = 64),
  width          INTEGER NOT NULL CHECK (width > 0),
  height         INTEGER NOT NULL CHECK (height > 0),
  -- Who took it: the staff member's uid (shared) and name as it was then; null for a door snapshot.
  taken_by_uid   TEXT,
  taken_by_name  TEXT,
  taken_at       INTEGER NOT NULL,
  -- The node that took it (its node_uid) when another one did; null when taken here.
  origin         TEXT,
  -- When retention deleted its bytes; the row stays to say so.
  deleted_at     INTEGER,
  CHECK ((kind = 'door') = (door_event_uid IS NOT NULL)),
  CHECK ((kind = 'door') = (package_id IS NULL))
) STRICT;

CREATE UNIQUE INDEX attachments_by_uid ON attachments (uid);
CREATE INDEX attachments_by_package ON attachments (package_id) WHERE package_id IS NOT NULL;
-- Retention's daily pass reads only what still has bytes.
CREATE INDEX attachments_kept ON attachments (package_id) WHERE deleted_at IS NULL;

CREATE TABLE attachment_bytes (
  attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id),
  bytes         BLOB    NOT NULL
) STRICT;

CREATE TRIGGER attachments_uid AFTER INSERT ON attachments WHEN new.uid IS NULL BEGIN
  UPDATE attachments SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

-- The creation travels when its bytes are written (the service writes the row, then its bytes, in one transaction).
CREATE TRIGGER attachment_bytes_sync_insert AFTER INSERT ON attachment_bytes
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, (SELECT taken_at FROM attachments WHERE id = new.attachment_id) * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'attachment', a.uid,
      json_object('kind', a.kind, 'package_uid', (SELECT p.uid FROM packages p WHERE p.id = a.package_id),
        'door_event_uid', a.door_event_uid, 'mime', a.mime, 'size', a.size, 'sha256', a.sha256, 'width', a.width,
        'height', a.height, 'taken_by_uid', a.taken_by_uid, 'taken_by_name', a.taken_by_name, 'taken_at', a.taken_at,
        'deleted_at', a.deleted_at, 'bytes', lower(hex(new.bytes)))
    FROM sync_node n, attachments a WHERE a.id = new.attachment_id;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT a.uid, '~created', n.hlc, n.node_uid FROM sync_node n, attachments a WHERE a.id = new.attachment_id;
END;

CREATE TRIGGER attachments_sync_delete AFTER UPDATE OF deleted_at ON attachments
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node) AND old.deleted_at IS NULL AND new.deleted_at IS NOT NULL
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.deleted_at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'attachment', new.uid, json_object('deleted_at', new.deleted_at) FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin) SELECT new.uid, '~deleted', n.hlc, n.node_uid FROM sync_node n WHERE true
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;
