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

-- "Signature required" (issue 22): marked at intake (some carriers' labels say so), a shared package field like
-- `perishable`. The package triggers of 0023 are made again with it, unchanged otherwise.
ALTER TABLE packages ADD COLUMN signature_required INTEGER NOT NULL DEFAULT 0 CHECK (signature_required IN (0, 1));

DROP TRIGGER packages_sync_insert;
DROP TRIGGER packages_sync_update;

CREATE TRIGGER packages_sync_insert AFTER INSERT ON packages BEGIN
  UPDATE packages SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'package', p.uid,
      json_object('tracking', p.tracking, 'carrier', p.carrier, 'carrier_name', p.carrier_name,
        'recipient_uid', (SELECT uid FROM recipients WHERE id = p.recipient_id), 'shelf', p.shelf, 'size', p.size,
        'perishable', p.perishable, 'signature_required', p.signature_required, 'note', p.note, 'logged_at', p.logged_at, 'logged_by_name', p.logged_by_name,
        'reminders_sent', p.reminders_sent, 'last_reminded_at', p.last_reminded_at, 'escalated_at', p.escalated_at,
        'put_aside_at', p.put_aside_at, 'put_aside_by_name', p.put_aside_by_name, 'reading', json(p.reading),
        'assigned_at', p.assigned_at, 'assigned_by_name', p.assigned_by_name,
        'state', json_object('value', p.status, 'base', NULL, 'details', json_object('picked_up_at', p.picked_up_at,
          'picked_up_via', p.picked_up_via, 'picked_up_credential', p.picked_up_credential, 'collected_by', p.collected_by,
          'handed_over_by_name', p.handed_over_by_name, 'returned_at', p.returned_at, 'return_reason', p.return_reason,
          'missing_at', p.missing_at)))
    FROM sync_node n, packages p WHERE p.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT p.uid, '~created', n.hlc, n.node_uid FROM sync_node n, packages p WHERE p.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_package_states (uid, hlc, origin, value, base, details)
    SELECT o.uid, o.hlc, n.node_uid, json_extract(o.fields, '$.state.value'), NULL, json_extract(o.fields, '$.state.details')
    FROM sync_outbox o, sync_node n WHERE o.seq = (SELECT max(seq) FROM sync_outbox) AND n.capturing = 1 AND n.applying = 0
      AND o.entity = 'package' AND o.uid = (SELECT uid FROM packages WHERE id = new.id);
END;

CREATE TRIGGER packages_sync_update AFTER UPDATE ON packages
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
  AND (old.tracking IS NOT new.tracking OR old.carrier IS NOT new.carrier OR old.carrier_name IS NOT new.carrier_name
    OR old.recipient_id IS NOT new.recipient_id OR old.shelf IS NOT new.shelf OR old.size IS NOT new.size
    OR old.perishable IS NOT new.perishable OR old.signature_required IS NOT new.signature_required OR old.note IS NOT new.note OR old.logged_at IS NOT new.logged_at
    OR old.logged_by_name IS NOT new.logged_by_name OR old.reminders_sent IS NOT new.reminders_sent
    OR old.last_reminded_at IS NOT new.last_reminded_at OR old.escalated_at IS NOT new.escalated_at
    OR old.status IS NOT new.status OR old.picked_up_at IS NOT new.picked_up_at OR old.picked_up_via IS NOT new.picked_up_via
    OR old.picked_up_credential IS NOT new.picked_up_credential OR old.collected_by IS NOT new.collected_by
    OR old.handed_over_by_name IS NOT new.handed_over_by_name OR old.returned_at IS NOT new.returned_at
    OR old.return_reason IS NOT new.return_reason OR old.missing_at IS NOT new.missing_at
    OR old.put_aside_at IS NOT new.put_aside_at OR old.put_aside_by_name IS NOT new.put_aside_by_name
    OR old.reading IS NOT new.reading OR old.assigned_at IS NOT new.assigned_at OR old.assigned_by_name IS NOT new.assigned_by_name)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'package', new.uid,
      (SELECT json_group_object(k, CASE WHEN k IN ('state', 'reading') THEN json(v) ELSE v END) FROM (
        SELECT 'tracking' AS k, new.tracking AS v, old.tracking AS w
        UNION ALL SELECT 'carrier', new.carrier, old.carrier
        UNION ALL SELECT 'carrier_name', new.carrier_name, old.carrier_name
        UNION ALL SELECT 'recipient_uid', (SELECT uid FROM recipients WHERE id = new.recipient_id),
          (SELECT uid FROM recipients WHERE id = old.recipient_id)
        UNION ALL SELECT 'shelf', new.shelf, old.shelf
        UNION ALL SELECT 'size', new.size, old.size
        UNION ALL SELECT 'perishable', new.perishable, old.perishable
        UNION ALL SELECT 'signature_required', new.signature_required, old.signature_required
        UNION ALL SELECT 'note', new.note, old.note
        UNION ALL SELECT 'logged_at', new.logged_at, old.logged_at
        UNION ALL SELECT 'logged_by_name', new.logged_by_name, old.logged_by_name
        UNION ALL SELECT 'reminders_sent', new.reminders_sent, old.reminders_sent
        UNION ALL SELECT 'last_reminded_at', new.last_reminded_at, old.last_reminded_at
        UNION ALL SELECT 'escalated_at', new.escalated_at, old.escalated_at
        UNION ALL SELECT 'put_aside_at', new.put_aside_at, old.put_aside_at
        UNION ALL SELECT 'put_aside_by_name', new.put_aside_by_name, old.put_aside_by_name
        UNION ALL SELECT 'reading', new.reading, old.reading
        UNION ALL SELECT 'assigned_at', new.assigned_at, old.assigned_at
        UNION ALL SELECT 'assigned_by_name', new.assigned_by_name, old.assigned_by_name
        -- The status and its details travel together, as one change of state: present when any of them changed.
        UNION ALL SELECT 'state',
          CASE WHEN old.status IS NOT new.status OR old.picked_up_at IS NOT new.picked_up_at
            OR old.picked_up_via IS NOT new.picked_up_via OR old.picked_up_credential IS NOT new.picked_up_credential
            OR old.collected_by IS NOT new.collected_by OR old.handed_over_by_name IS NOT new.handed_over_by_name
            OR old.returned_at IS NOT new.returned_at OR old.return_reason IS NOT new.return_reason
            OR old.missing_at IS NOT new.missing_at THEN json_object('value', new.status,
            'base', CASE WHEN old.status IN ('picked_up', 'returned') AND new.status IN ('waiting', 'missing') THEN
              (SELECT max(s.hlc) FROM sync_package_states s WHERE s.uid = new.uid AND s.value IN ('picked_up', 'returned')) END,
            'details', json_object('picked_up_at', new.picked_up_at, 'picked_up_via', new.picked_up_via,
              'picked_up_credential', new.picked_up_credential, 'collected_by', new.collected_by,
              'handed_over_by_name', new.handed_over_by_name, 'returned_at', new.returned_at, 'return_reason', new.return_reason,
              'missing_at', new.missing_at)) END,
          NULL
      ) WHERE v IS NOT w)
    FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, j.key, o.hlc, n.node_uid FROM sync_outbox o, json_each(o.fields) j, sync_node n
    WHERE o.seq = (SELECT max(seq) FROM sync_outbox) AND j.key != 'state'
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
  INSERT INTO sync_package_states (uid, hlc, origin, value, base, details)
    SELECT new.uid, o.hlc, n.node_uid, json_extract(o.fields, '$.state.value'), json_extract(o.fields, '$.state.base'),
      json_extract(o.fields, '$.state.details')
    FROM sync_outbox o, sync_node n WHERE o.seq = (SELECT max(seq) FROM sync_outbox) AND json_type(o.fields, '$.state') IS NOT NULL;
END;
