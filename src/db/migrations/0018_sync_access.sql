-- Credentials shared by every node of a site (issue 20; docs/architecture.md "Several PCs, one building"): permanent
-- PINs and QR codes and Single Access PINs, one row each in access_keys. As in 0015, nothing is captured until
-- `packroom site init` (or join) sets sync_node.capturing: on a single PC the triggers fill in `uid` and do nothing else.
-- Only the sealed PIN and QR code and their HMACs travel (every node of a site has the same data key), never a PIN in
-- clear; the recipient travels as its uid.

ALTER TABLE access_keys ADD COLUMN uid TEXT;
UPDATE access_keys SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX access_keys_by_uid ON access_keys (uid);

-- Every node's use of a Single Access PIN, as its own door recorded it or as the use event brought it. One row per
-- key and node (a node runs one door, named by the node's name; `via` says keypad or reader): a door uses a key
-- once, so a second row for a key is a double use (the alert on every node).
CREATE TABLE access_key_uses (
  key_uid   TEXT    NOT NULL,
  origin    TEXT    NOT NULL,
  node_name TEXT    NOT NULL,
  via       TEXT    NOT NULL CHECK (via IN ('pin', 'qr')),
  at        INTEGER NOT NULL,
  hlc       INTEGER NOT NULL,
  PRIMARY KEY (key_uid, origin)
) STRICT, WITHOUT ROWID;

-- A creation records the whole row, and `known`: the credentials this node holds that share its PIN or, for a
-- permanent one, its recipient's other permanent ones. Two nodes that did not know each other's (offline) may draw
-- the same PIN or each replace the same permanent PIN; `known` tells such a clash from a PIN reused after the first
-- ended (src/domain/sync/access.ts, `clash`). Each half of the UNION is one index probe (by PIN, by recipient), so a
-- roster import's thousands of new PINs stay cheap.
CREATE TRIGGER access_keys_sync_insert AFTER INSERT ON access_keys BEGIN
  UPDATE access_keys SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.created_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'credential', k.uid,
      json_object('recipient_uid', r.uid, 'kind', k.kind, 'pin_hash', hex(k.pin_hash), 'pin_enc', hex(k.pin_enc),
        'qr_hash', hex(k.qr_hash), 'qr_enc', hex(k.qr_enc), 'status', k.status, 'expires_at', k.expires_at,
        'used_at', k.used_at, 'used_via', k.used_via, 'created_at', k.created_at,
        'ended_at', k.ended_at,
        'known', json((SELECT json_group_array(o.uid) FROM (
          SELECT uid FROM access_keys WHERE pin_hash = k.pin_hash AND id != k.id
          UNION SELECT uid FROM access_keys WHERE recipient_id = k.recipient_id AND k.kind = 'permanent' AND kind = 'permanent' AND id != k.id
        ) o)))
    FROM sync_node n, access_keys k JOIN recipients r ON r.id = k.recipient_id
    WHERE k.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT k.uid, '~created', n.hlc, n.node_uid FROM sync_node n, access_keys k WHERE k.id = new.id AND n.capturing = 1 AND n.applying = 0;
END;

-- A credential ends once here (every local write ends only an active one). A use of a Single Access PIN is its own
-- event, `singleAccessUse`, recorded in access_key_uses too; a revocation or expiry is a `credential` change. Either
-- way '~ended' stamps the status with the change's stamp, which the merge of two ends compares.
CREATE TRIGGER access_keys_sync_end AFTER UPDATE OF status ON access_keys
WHEN old.status = 'active' AND new.status != 'active' AND (SELECT capturing = 1 AND applying = 0 FROM sync_node)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, coalesce(new.ended_at, 0) * 2048);
  INSERT INTO access_key_uses (key_uid, origin, node_name, via, at, hlc)
    SELECT new.uid, n.node_uid, n.node_name, coalesce(new.used_via, 'pin'), coalesce(new.used_at, new.ended_at, 0), n.hlc
    FROM sync_node n WHERE new.status = 'used';
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'singleAccessUse', new.uid, json_object('at', u.at, 'via', u.via)
    FROM sync_node n JOIN access_key_uses u ON u.key_uid = new.uid AND u.origin = n.node_uid WHERE new.status = 'used'
    UNION ALL
    SELECT n.hlc, 'credential', new.uid, json_object('status', new.status, 'ended_at', new.ended_at)
    FROM sync_node n WHERE new.status != 'used';
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, '~ended', n.hlc, n.node_uid FROM sync_node n WHERE true
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;
