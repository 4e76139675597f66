-- The sync entity registry (issue 20; docs/architecture.md "Several PCs, one building"): every shared kind of record
-- writes its changes to the one outbox, so `sync_outbox.entity` is no longer limited to recipients. SQLite cannot
-- change a CHECK in place: the table is rebuilt, keeping its AUTOINCREMENT counter (a sequence number is never
-- reused: (node_uid, seq) is the change's Nats-Msg-Id and the appliers' high-water mark). The recipient triggers
-- write to the outbox, so they are dropped first and made again as 0015 made them.
-- The entity and its status are checked by each entity's wire schema (src/sync/entities/), not here.

DROP TRIGGER recipients_sync_insert;
DROP TRIGGER recipients_sync_update;

CREATE TABLE sync_outbox_new (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  hlc         INTEGER NOT NULL,
  entity      TEXT    NOT NULL CHECK (length(entity) BETWEEN 1 AND 40),
  uid         TEXT    NOT NULL,
  -- The shared columns that changed (all of them for a creation), by column name.
  fields      TEXT    NOT NULL CHECK (json_valid(fields)),
  -- The record's new status when it changed, in the entity's own words; `base` what the entity's rule needs with
  -- it (for a recipient's activation: the deactivations its writer knew, { origin node_uid: HLC }).
  status      TEXT,
  base        TEXT CHECK (base IS NULL OR json_valid(base))
) STRICT;

INSERT INTO sync_outbox_new (seq, hlc, entity, uid, fields, status, base)
  SELECT seq, hlc, entity, uid, fields, status, base FROM sync_outbox ORDER BY seq;
DELETE FROM sqlite_sequence WHERE name = 'sync_outbox_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'sync_outbox_new', seq FROM sqlite_sequence WHERE name = 'sync_outbox';
DROP TABLE sync_outbox;
ALTER TABLE sync_outbox_new RENAME TO sync_outbox;

CREATE TRIGGER recipients_sync_insert AFTER INSERT ON recipients BEGIN
  UPDATE recipients SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields, status)
    SELECT n.hlc, 'recipient', r.uid,
      json_object('external_id', r.external_id, 'first_name', r.first_name, 'last_name', r.last_name, 'unit', r.unit,
        'email', r.email, 'phone', r.phone, 'manually_edited', r.manually_edited, 'created_at', r.created_at,
        'move_in', r.move_in, 'move_out', r.move_out, 'language', r.language, 'package_notices', r.package_notices),
      r.status
    FROM sync_node n, recipients r WHERE r.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT r.uid, '~created', n.hlc, n.node_uid FROM sync_node n, recipients r WHERE r.id = new.id AND n.capturing = 1 AND n.applying = 0
    UNION ALL
    SELECT r.uid, '~deactivated:' || n.node_uid, n.hlc, n.node_uid FROM sync_node n, recipients r
    WHERE r.id = new.id AND n.capturing = 1 AND n.applying = 0 AND new.status = 'inactive';
END;

CREATE TRIGGER recipients_sync_update AFTER UPDATE ON recipients
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
  AND (old.external_id IS NOT new.external_id OR old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name
    OR old.unit IS NOT new.unit OR old.email IS NOT new.email OR old.phone IS NOT new.phone
    OR old.manually_edited IS NOT new.manually_edited OR old.created_at IS NOT new.created_at OR old.move_in IS NOT new.move_in
    OR old.move_out IS NOT new.move_out OR old.language IS NOT new.language OR old.package_notices IS NOT new.package_notices
    OR old.status IS NOT new.status)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields, status, base)
    SELECT n.hlc, 'recipient', new.uid,
      (SELECT json_group_object(k, v) FROM (
        SELECT 'external_id' AS k, new.external_id AS v, old.external_id AS w
        UNION ALL SELECT 'first_name', new.first_name, old.first_name
        UNION ALL SELECT 'last_name', new.last_name, old.last_name
        UNION ALL SELECT 'unit', new.unit, old.unit
        UNION ALL SELECT 'email', new.email, old.email
        UNION ALL SELECT 'phone', new.phone, old.phone
        UNION ALL SELECT 'manually_edited', new.manually_edited, old.manually_edited
        UNION ALL SELECT 'created_at', new.created_at, old.created_at
        UNION ALL SELECT 'move_in', new.move_in, old.move_in
        UNION ALL SELECT 'move_out', new.move_out, old.move_out
        UNION ALL SELECT 'language', new.language, old.language
        UNION ALL SELECT 'package_notices', new.package_notices, old.package_notices
      ) WHERE v IS NOT w),
      CASE WHEN old.status IS NOT new.status THEN new.status END,
      CASE WHEN old.status = 'inactive' AND new.status = 'active' THEN
        (SELECT json_group_object(d.origin, d.hlc) FROM sync_stamps d WHERE d.uid = new.uid AND d.field LIKE '~deactivated:%')
      END
    FROM sync_node n;
  -- Each field this change wrote, stamped with the change's stamp; then the status registers.
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, j.key, o.hlc, n.node_uid FROM sync_outbox o, json_each(o.fields) j, sync_node n
    WHERE o.seq = (SELECT max(seq) FROM sync_outbox)
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, '~deactivated:' || n.node_uid, n.hlc, n.node_uid FROM sync_node n WHERE old.status = 'active' AND new.status = 'inactive'
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc;
  -- An activation here has seen every deactivation this node knows.
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, '~activated:' || d.origin, d.hlc, d.origin FROM sync_stamps d
    WHERE d.uid = new.uid AND d.field LIKE '~deactivated:%' AND old.status = 'inactive' AND new.status = 'active'
  ON CONFLICT (uid, field) DO UPDATE SET hlc = max(hlc, excluded.hlc);
END;
