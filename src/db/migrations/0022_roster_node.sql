-- Several PCs, one building (issue 20; docs/architecture.md "What staff see"): the node of the site that runs the
-- scheduled roster import. Two nodes importing the same export while cut off from each other would create every new
-- resident twice, so one node does. `site init` names itself; a node from before this migration was made by
-- `site init` (the only way then), so it names itself too. Null on a single PC and on a node that joined: those do
-- not know another's name, and the import does not run there.
ALTER TABLE sync_node ADD COLUMN roster_node TEXT;
UPDATE sync_node SET roster_node = node_name WHERE site IS NOT NULL;

-- The alerts this node's sync applier raises are its own, as the standing ones are (src/domain/sync/alerts.ts,
-- localAlertKinds): each node finds a held change, a clock ahead or two records with one external id for itself, so
-- a shared copy would show twice (and a standing one would be reworded by another node's view of it). The capture
-- triggers of migration 0020, remade with the longer list.
DROP TRIGGER alerts_sync_insert;
DROP TRIGGER alerts_sync_acknowledge;

CREATE TRIGGER alerts_sync_insert AFTER INSERT ON alerts BEGIN
  UPDATE alerts SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.at * 2048)
  WHERE capturing = 1 AND applying = 0 AND new.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp', 'sync.changeHeld', 'sync.clockAhead', 'sync.duplicate');
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'alert', a.uid,
      json_object('at', a.at, 'kind', a.kind, 'message', a.message, 'message_key', a.message_key, 'message_params', a.message_params,
        'acknowledged_at', a.acknowledged_at, 'acknowledged_by', (SELECT s.uid FROM staff s WHERE s.id = a.acknowledged_by))
    FROM sync_node n, alerts a
    WHERE a.id = new.id AND n.capturing = 1 AND n.applying = 0 AND new.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp', 'sync.changeHeld', 'sync.clockAhead', 'sync.duplicate');
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT a.uid, '~acknowledged', n.hlc, n.node_uid FROM sync_node n, alerts a
    WHERE a.id = new.id AND n.capturing = 1 AND n.applying = 0 AND new.acknowledged_at IS NOT NULL
      AND new.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp', 'sync.changeHeld', 'sync.clockAhead', 'sync.duplicate');
END;

CREATE TRIGGER alerts_sync_acknowledge AFTER UPDATE OF acknowledged_at ON alerts
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node) AND old.acknowledged_at IS NULL AND new.acknowledged_at IS NOT NULL
  AND new.kind NOT IN ('notification.emailNotSetUp', 'notification.smsNotSetUp', 'sync.changeHeld', 'sync.clockAhead', 'sync.duplicate')
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.acknowledged_at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'alert', new.uid,
      json_object('acknowledged_at', new.acknowledged_at, 'acknowledged_by', (SELECT s.uid FROM staff s WHERE s.id = new.acknowledged_by))
    FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin) SELECT new.uid, '~acknowledged', n.hlc, n.node_uid FROM sync_node n WHERE true
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;
