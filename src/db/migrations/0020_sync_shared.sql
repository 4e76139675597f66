-- Staff accounts, site settings, alerts and the audit chains shared by the nodes of a site (issue 20;
-- docs/architecture.md "Several PCs, one building"). As in 0015: nothing is captured until `site init` / `join`
-- sets sync_node.capturing, and nothing is captured while the applier writes another node's change (`applying`).
-- A table with no time of its own for a change (staff, settings) stamps it with SQLite's clock; alerts and audit
-- rows with their own `at` (the app's Clock).

-- Staff accounts: password hashes travel (they are hashes); sessions are in memory and never do.
ALTER TABLE staff ADD COLUMN uid TEXT;
UPDATE staff SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX staff_by_uid ON staff (uid);

CREATE TRIGGER staff_sync_insert AFTER INSERT ON staff BEGIN
  UPDATE staff SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields, status)
    SELECT n.hlc, 'staff', s.uid,
      json_object('username', s.username, 'display_name', s.display_name, 'role', s.role, 'password_hash', s.password_hash,
        'language', s.language, 'created_at', s.created_at),
      CASE s.active WHEN 1 THEN 'active' ELSE 'inactive' END
    FROM sync_node n, staff s WHERE s.id = new.id AND n.capturing = 1 AND n.applying = 0;
  -- A creation as inactive or as staff is a deactivation or a demotion at creation: a later activation or
  -- promotion must have seen it.
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT s.uid, '~created', n.hlc, n.node_uid FROM sync_node n, staff s WHERE s.id = new.id AND n.capturing = 1 AND n.applying = 0
    UNION ALL
    SELECT s.uid, '~deactivated:' || n.node_uid, n.hlc, n.node_uid FROM sync_node n, staff s
    WHERE s.id = new.id AND n.capturing = 1 AND n.applying = 0 AND new.active = 0
    UNION ALL
    SELECT s.uid, '~demoted:' || n.node_uid, n.hlc, n.node_uid FROM sync_node n, staff s
    WHERE s.id = new.id AND n.capturing = 1 AND n.applying = 0 AND new.role = 'staff';
END;

CREATE TRIGGER staff_sync_update AFTER UPDATE ON staff
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
  AND (old.username IS NOT new.username OR old.display_name IS NOT new.display_name OR old.role IS NOT new.role
    OR old.password_hash IS NOT new.password_hash OR old.language IS NOT new.language OR old.created_at IS NOT new.created_at
    OR old.active IS NOT new.active)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 2048);
  -- The fields that changed; a promotion carries the demotions its writer knew under 'role_base', as an
  -- activation carries the deactivations in `base`.
  INSERT INTO sync_outbox (hlc, entity, uid, fields, status, base)
    SELECT n.hlc, 'staff', new.uid,
      (SELECT json_group_object(k, v) FROM (
        SELECT 'username' AS k, new.username AS v, old.username AS w
        UNION ALL SELECT 'display_name', new.display_name, old.display_name
        UNION ALL SELECT 'role', new.role, old.role
        UNION ALL SELECT 'password_hash', new.password_hash, old.password_hash
        UNION ALL SELECT 'language', new.language, old.language
        UNION ALL SELECT 'created_at', new.created_at, old.created_at
        UNION ALL SELECT 'role_base',
          (SELECT json_group_object(d.origin, d.hlc) FROM sync_stamps d WHERE d.uid = new.uid AND d.field LIKE '~demoted:%'),
          NULL
        WHERE old.role = 'staff' AND new.role = 'admin'
      ) WHERE v IS NOT w),
      CASE WHEN old.active IS NOT new.active THEN CASE new.active WHEN 1 THEN 'active' ELSE 'inactive' END END,
      CASE WHEN old.active = 0 AND new.active = 1 THEN
        (SELECT json_group_object(d.origin, d.hlc) FROM sync_stamps d WHERE d.uid = new.uid AND d.field LIKE '~deactivated:%')
      END
    FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, j.key, o.hlc, n.node_uid FROM sync_outbox o, json_each(o.fields) j, sync_node n
    WHERE o.seq = (SELECT max(seq) FROM sync_outbox) AND j.key NOT IN ('role', 'role_base')
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, '~deactivated:' || n.node_uid, n.hlc, n.node_uid FROM sync_node n WHERE old.active = 1 AND new.active = 0
    UNION ALL
    SELECT new.uid, '~demoted:' || n.node_uid, n.hlc, n.node_uid FROM sync_node n WHERE old.role = 'admin' AND new.role = 'staff'
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc;
  -- An activation or a promotion here has seen every deactivation or demotion this node knows.
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, '~activated:' || d.origin, d.hlc, d.origin FROM sync_stamps d
    WHERE d.uid = new.uid AND d.field LIKE '~deactivated:%' AND old.active = 0 AND new.active = 1
    UNION ALL
    SELECT new.uid, '~promoted:' || d.origin, d.hlc, d.origin FROM sync_stamps d
    WHERE d.uid = new.uid AND d.field LIKE '~demoted:%' AND old.role = 'staff' AND new.role = 'admin'
  ON CONFLICT (uid, field) DO UPDATE SET hlc = max(hlc, excluded.hlc);
END;

-- Site settings: every key but one PC's own (src/domain/sync/settings.ts, localSettingKeys: the same list as
-- below; test/integration/syncShared.test.ts holds them equal). The site's settings are one shared record, uid
-- 000…0, whose fields are the keys: a key's stamp is (000…0, key). The value travels as stored (JSON text): a
-- secret is sealed with the site's data key, which every node of the site has.
CREATE TRIGGER settings_sync_insert AFTER INSERT ON settings
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
  AND new.key NOT IN ('devices.assignments', 'doorPulseSeconds', 'importFolder', 'importTime', 'importScheduleEnabled',
    'backupFolder', 'backupTime', 'backupKeep', 'backup.siteId', 'dataKey.check')
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'settings', '00000000000000000000000000000000', json_object(new.key, new.value) FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin) SELECT '00000000000000000000000000000000', new.key, n.hlc, n.node_uid FROM sync_node n WHERE true
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;

CREATE TRIGGER settings_sync_update AFTER UPDATE ON settings
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node) AND old.value IS NOT new.value
  AND new.key NOT IN ('devices.assignments', 'doorPulseSeconds', 'importFolder', 'importTime', 'importScheduleEnabled',
    'backupFolder', 'backupTime', 'backupKeep', 'backup.siteId', 'dataKey.check')
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'settings', '00000000000000000000000000000000', json_object(new.key, new.value) FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin) SELECT '00000000000000000000000000000000', new.key, n.hlc, n.node_uid FROM sync_node n WHERE true
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;

-- Alerts: inserted once by uid, then only acknowledged (the first acknowledgement wins, stamp '~acknowledged').
-- Standing alerts each node raises for itself are not shared (src/domain/sync/alerts.ts, localAlertKinds).
ALTER TABLE alerts ADD COLUMN uid TEXT;
UPDATE alerts SET uid = lower(hex(randomblob(16)));
-- The node that raised it (its node_uid), when another one did: the alert list names it.
ALTER TABLE alerts ADD COLUMN origin TEXT;
CREATE UNIQUE INDEX alerts_by_uid ON alerts (uid);

CREATE TRIGGER alerts_sync_insert AFTER INSERT ON alerts BEGIN
  UPDATE alerts SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.at * 2048)
  WHERE capturing = 1 AND applying = 0 AND new.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp');
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'alert', a.uid,
      json_object('at', a.at, 'kind', a.kind, 'message', a.message, 'message_key', a.message_key, 'message_params', a.message_params,
        'acknowledged_at', a.acknowledged_at, 'acknowledged_by', (SELECT s.uid FROM staff s WHERE s.id = a.acknowledged_by))
    FROM sync_node n, alerts a
    WHERE a.id = new.id AND n.capturing = 1 AND n.applying = 0 AND new.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp');
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT a.uid, '~acknowledged', n.hlc, n.node_uid FROM sync_node n, alerts a
    WHERE a.id = new.id AND n.capturing = 1 AND n.applying = 0 AND new.acknowledged_at IS NOT NULL
      AND new.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp');
END;

CREATE TRIGGER alerts_sync_acknowledge AFTER UPDATE OF acknowledged_at ON alerts
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node) AND old.acknowledged_at IS NULL AND new.acknowledged_at IS NOT NULL
  AND new.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp')
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.acknowledged_at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'alert', new.uid,
      json_object('acknowledged_at', new.acknowledged_at, 'acknowledged_by', (SELECT s.uid FROM staff s WHERE s.id = new.acknowledged_by))
    FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin) SELECT new.uid, '~acknowledged', n.hlc, n.node_uid FROM sync_node n WHERE true
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;

-- The audit trail: a row travels under the uid of its id (printf('%032x', id)); each node keeps its own hash chain (`origin` NULL) and a copy of every other node's, row for
-- row as its origin wrote and hashed it: `origin` is that node's node_uid, `chain_id`, `chain_actor_staff_id` and
-- `chain_subject` its id, actor and subject there (what the hash covers), while `actor_staff_id` and `subject`
-- name the same staff member and record here (NULL when this node does not have it), for the Activity screen.
-- Nothing of another node's chain is hashed into this node's.
ALTER TABLE audit_log ADD COLUMN origin TEXT;
ALTER TABLE audit_log ADD COLUMN chain_id INTEGER;
ALTER TABLE audit_log ADD COLUMN chain_actor_staff_id INTEGER;
ALTER TABLE audit_log ADD COLUMN chain_subject TEXT;
CREATE UNIQUE INDEX audit_by_origin ON audit_log (origin, chain_id) WHERE origin IS NOT NULL;
-- This node's chain: its last row is where the next one is chained, however many rows of others came after it.
CREATE INDEX audit_own ON audit_log (id) WHERE origin IS NULL;

-- A reference travels as the uid of what it names: the actor, and a subject that is a recipient, a staff member
-- or an alert (other subjects name records this slice does not share yet, and stay unnamed on the other nodes).
CREATE TRIGGER audit_sync_insert AFTER INSERT ON audit_log
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node) AND new.origin IS NULL
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'audit', printf('%032x', new.id),
      json_object('id', new.id, 'at', new.at, 'actor_staff_id', new.actor_staff_id, 'actor', new.actor, 'action', new.action,
        'subject', new.subject, 'details', new.details, 'hash', lower(hex(new.hash)),
        'actor_uid', (SELECT s.uid FROM staff s WHERE s.id = new.actor_staff_id),
        'subject_uid', CASE
          WHEN new.subject LIKE 'recipient:%' THEN (SELECT r.uid FROM recipients r WHERE r.id = CAST(substr(new.subject, 11) AS INTEGER))
          WHEN new.subject LIKE 'staff:%' THEN (SELECT s.uid FROM staff s WHERE s.id = CAST(substr(new.subject, 7) AS INTEGER))
          WHEN new.subject LIKE 'alert:%' THEN (SELECT a.uid FROM alerts a WHERE a.id = CAST(substr(new.subject, 7) AS INTEGER))
        END)
    FROM sync_node n;
END;

-- A folder that is a node of a site already (site init before this version) shares what it has from now on, as
-- `site init` does (SyncSharedRepository.queueExisting): every staff account, the site's settings, the shared alerts,
-- then its own audit chain, each a creation stamped on from the node's clock. A single PC queues nothing.
INSERT INTO sync_outbox (hlc, entity, uid, fields, status)
  SELECT (SELECT hlc FROM sync_node) + row_number() OVER (ORDER BY s.id), 'staff', s.uid,
    json_object('username', s.username, 'display_name', s.display_name, 'role', s.role, 'password_hash', s.password_hash,
      'language', s.language, 'created_at', s.created_at),
    CASE s.active WHEN 1 THEN 'active' ELSE 'inactive' END
  FROM staff s WHERE (SELECT capturing FROM sync_node) = 1 ORDER BY s.id;
UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox));
INSERT INTO sync_outbox (hlc, entity, uid, fields)
  SELECT (SELECT hlc FROM sync_node) + 1, 'settings', '00000000000000000000000000000000', json_group_object(key, value)
  FROM settings WHERE (SELECT capturing FROM sync_node) = 1
    AND key NOT IN ('devices.assignments', 'doorPulseSeconds', 'importFolder', 'importTime', 'importScheduleEnabled',
      'backupFolder', 'backupTime', 'backupKeep', 'backup.siteId', 'dataKey.check')
  HAVING count(*) > 0;
UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox));
INSERT INTO sync_outbox (hlc, entity, uid, fields)
  SELECT (SELECT hlc FROM sync_node) + row_number() OVER (ORDER BY a.id), 'alert', a.uid,
    json_object('at', a.at, 'kind', a.kind, 'message', a.message, 'message_key', a.message_key, 'message_params', a.message_params,
      'acknowledged_at', a.acknowledged_at, 'acknowledged_by', (SELECT s.uid FROM staff s WHERE s.id = a.acknowledged_by))
  FROM alerts a WHERE (SELECT capturing FROM sync_node) = 1 AND a.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp')
  ORDER BY a.id;
UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox));
INSERT INTO sync_outbox (hlc, entity, uid, fields)
  SELECT (SELECT hlc FROM sync_node) + row_number() OVER (ORDER BY l.id), 'audit', printf('%032x', l.id),
    json_object('id', l.id, 'at', l.at, 'actor_staff_id', l.actor_staff_id, 'actor', l.actor, 'action', l.action,
      'subject', l.subject, 'details', l.details, 'hash', lower(hex(l.hash)),
      'actor_uid', (SELECT s.uid FROM staff s WHERE s.id = l.actor_staff_id),
      'subject_uid', CASE
        WHEN l.subject LIKE 'recipient:%' THEN (SELECT r.uid FROM recipients r WHERE r.id = CAST(substr(l.subject, 11) AS INTEGER))
        WHEN l.subject LIKE 'staff:%' THEN (SELECT s.uid FROM staff s WHERE s.id = CAST(substr(l.subject, 7) AS INTEGER))
        WHEN l.subject LIKE 'alert:%' THEN (SELECT a.uid FROM alerts a WHERE a.id = CAST(substr(l.subject, 7) AS INTEGER))
      END)
  FROM audit_log l WHERE (SELECT capturing FROM sync_node) = 1 ORDER BY l.id;
UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox));
INSERT INTO sync_stamps (uid, field, hlc, origin)
  SELECT o.uid, '~created', o.hlc, n.node_uid FROM sync_outbox o, sync_node n WHERE o.entity = 'staff'
  UNION ALL
  SELECT o.uid, '~deactivated:' || n.node_uid, o.hlc, n.node_uid FROM sync_outbox o, sync_node n WHERE o.entity = 'staff' AND o.status = 'inactive'
  UNION ALL
  SELECT o.uid, '~demoted:' || n.node_uid, o.hlc, n.node_uid FROM sync_outbox o, sync_node n
  WHERE o.entity = 'staff' AND json_extract(o.fields, '$.role') = 'staff'
  UNION ALL
  SELECT o.uid, j.key, o.hlc, n.node_uid FROM sync_outbox o, json_each(o.fields) j, sync_node n WHERE o.entity = 'settings'
  UNION ALL
  SELECT o.uid, '~acknowledged', o.hlc, n.node_uid FROM sync_outbox o, sync_node n
  WHERE o.entity = 'alert' AND json_extract(o.fields, '$.acknowledged_at') IS NOT NULL
ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
