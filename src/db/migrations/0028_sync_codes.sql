-- A PIN and a carrier code with one number, made at two nodes of a site that did not know each other: the sync rule
-- keeps the earlier and revokes the later on every node (src/sync/entities/carrierCode.ts). The later one reaches
-- some nodes after the earlier, and must be stored there, revoked: the insert triggers of 0004 refused any row equal
-- to an active one of the other kind, whatever its own status. They now refuse only a row that is itself active,
-- which is what the keypad cannot tell apart.
DROP TRIGGER carrier_codes_not_a_pin;
CREATE TRIGGER carrier_codes_not_a_pin BEFORE INSERT ON carrier_codes
WHEN NEW.status = 'active' AND EXISTS (SELECT 1 FROM access_keys WHERE pin_hash = NEW.pin_hash AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'carrier code equals an active PIN');
END;

DROP TRIGGER access_keys_not_a_carrier_code;
CREATE TRIGGER access_keys_not_a_carrier_code BEFORE INSERT ON access_keys
WHEN NEW.status = 'active' AND EXISTS (SELECT 1 FROM carrier_codes WHERE pin_hash = NEW.pin_hash AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'PIN equals an active carrier code');
END;

-- A credential's creation names the staff member who made it by their uid (`created_by_uid`), as every reference
-- between shared rows travels; the receiving node stores its own id of that account. The trigger of 0018, with it.
DROP TRIGGER access_keys_sync_insert;
CREATE TRIGGER access_keys_sync_insert AFTER INSERT ON access_keys BEGIN
  UPDATE access_keys SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.created_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'credential', k.uid,
      json_object('recipient_uid', r.uid, 'kind', k.kind, 'pin_hash', hex(k.pin_hash), 'pin_enc', hex(k.pin_enc),
        'qr_hash', hex(k.qr_hash), 'qr_enc', hex(k.qr_enc), 'status', k.status, 'expires_at', k.expires_at,
        'used_at', k.used_at, 'used_via', k.used_via, 'created_at', k.created_at,
        'ended_at', k.ended_at,
        'created_by_uid', (SELECT uid FROM staff WHERE id = k.created_by),
        'known', json((SELECT json_group_array(o.uid) FROM (
          SELECT uid FROM access_keys WHERE pin_hash = k.pin_hash AND id != k.id
          UNION SELECT uid FROM access_keys WHERE recipient_id = k.recipient_id AND k.kind = 'permanent' AND kind = 'permanent' AND id != k.id
        ) o)))
    FROM sync_node n, access_keys k JOIN recipients r ON r.id = k.recipient_id
    WHERE k.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT k.uid, '~created', n.hlc, n.node_uid FROM sync_node n, access_keys k WHERE k.id = new.id AND n.capturing = 1 AND n.applying = 0;
END;
