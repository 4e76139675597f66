-- Put aside (issue 21; docs/architecture.md "Unmatched parcels"): a parcel whose label Packroom or staff could not
-- match is logged with no recipient yet, into the Unmatched queue, with what was read off its label, and assigned
-- later. `recipient_id` was NOT NULL (0006), so the table is rebuilt the SQLite way (a new table, the rows copied,
-- the old one dropped, the new one renamed) and every index and trigger made again as 0006 and 0019 left them, the
-- sync capture triggers carrying the new columns. No other table refers to `packages`.

CREATE TABLE packages_0023 (
  id                      INTEGER PRIMARY KEY,
  tracking                TEXT    NOT NULL,
  carrier                 TEXT    NOT NULL CHECK (carrier IN ('ups', 'fedex', 'usps', 'amazon', 'dhl', 'other')),
  carrier_name            TEXT,
  -- NULL only while the package is unmatched: put aside and not assigned yet.
  recipient_id            INTEGER REFERENCES recipients (id),
  shelf                   TEXT,
  size                    TEXT    NOT NULL DEFAULT 'small' CHECK (size IN ('small', 'large', 'oversized')),
  perishable              INTEGER NOT NULL DEFAULT 0 CHECK (perishable IN (0, 1)),
  note                    TEXT,
  status                  TEXT    NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'picked_up', 'returned', 'missing')),
  logged_at               INTEGER NOT NULL,
  logged_by               INTEGER REFERENCES staff (id),
  logged_by_name          TEXT    NOT NULL,
  picked_up_at            INTEGER,
  picked_up_via           TEXT CHECK (picked_up_via IS NULL OR picked_up_via IN ('door', 'desk')),
  picked_up_credential    TEXT CHECK (picked_up_credential IS NULL OR picked_up_credential IN ('pin', 'qr', 'single-access-pin')),
  collected_by            TEXT,
  handed_over_by_name     TEXT,
  returned_at             INTEGER,
  return_reason           TEXT,
  missing_at              INTEGER,
  reminders_sent          INTEGER NOT NULL DEFAULT 0,
  last_reminded_at        INTEGER,
  escalated_at            INTEGER,
  inactive_alerted_at     INTEGER,
  updated_at              INTEGER NOT NULL,
  uid                     TEXT,
  -- Put aside: when, by whom (a name: staff ids differ between nodes), and what was read off the label:
  -- {"outcome", "shipTo": [lines], "candidates": [{"uid": recipient uid, "score", "why": [...]}]}, by uid for the
  -- same reason. Kept after the package is assigned, as is who assigned it and when.
  put_aside_at            INTEGER,
  put_aside_by_name       TEXT,
  reading                 TEXT CHECK (reading IS NULL OR json_valid(reading)),
  assigned_at             INTEGER,
  assigned_by_name        TEXT,
  CHECK (recipient_id IS NOT NULL OR (put_aside_at IS NOT NULL AND assigned_at IS NULL))
) STRICT;

INSERT INTO packages_0023 (id, tracking, carrier, carrier_name, recipient_id, shelf, size, perishable, note, status, logged_at,
  logged_by, logged_by_name, picked_up_at, picked_up_via, picked_up_credential, collected_by, handed_over_by_name, returned_at,
  return_reason, missing_at, reminders_sent, last_reminded_at, escalated_at, inactive_alerted_at, updated_at, uid)
SELECT id, tracking, carrier, carrier_name, recipient_id, shelf, size, perishable, note, status, logged_at,
  logged_by, logged_by_name, picked_up_at, picked_up_via, picked_up_credential, collected_by, handed_over_by_name, returned_at,
  return_reason, missing_at, reminders_sent, last_reminded_at, escalated_at, inactive_alerted_at, updated_at, uid
FROM packages;

DROP TABLE packages;
ALTER TABLE packages_0023 RENAME TO packages;

-- 0006's indexes, with 0019's changes (the waiting tracking index not unique; the uid index).
CREATE INDEX packages_by_tracking ON packages (tracking, logged_at);
CREATE INDEX packages_by_status ON packages (status, logged_at, id);
CREATE INDEX packages_by_logged ON packages (logged_at, id);
CREATE INDEX packages_by_recipient ON packages (recipient_id, status, logged_at);
CREATE INDEX packages_by_carrier ON packages (carrier, logged_at);
CREATE INDEX packages_picked_up ON packages (picked_up_at) WHERE picked_up_at IS NOT NULL;
CREATE UNIQUE INDEX packages_by_uid ON packages (uid);
CREATE INDEX packages_waiting_tracking ON packages (tracking) WHERE status = 'waiting';
-- The Unmatched queue and its count in the header.
CREATE INDEX packages_unmatched ON packages (logged_at, id) WHERE recipient_id IS NULL;

-- 0019's capture triggers with the new columns. `reading` travels as JSON (recipients by uid), as `state` does.
CREATE TRIGGER packages_sync_insert AFTER INSERT ON packages BEGIN
  UPDATE packages SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'package', p.uid,
      json_object('tracking', p.tracking, 'carrier', p.carrier, 'carrier_name', p.carrier_name,
        'recipient_uid', (SELECT uid FROM recipients WHERE id = p.recipient_id), 'shelf', p.shelf, 'size', p.size,
        'perishable', p.perishable, 'note', p.note, 'logged_at', p.logged_at, 'logged_by_name', p.logged_by_name,
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
    OR old.perishable IS NOT new.perishable OR old.note IS NOT new.note OR old.logged_at IS NOT new.logged_at
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
