-- People allowed to collect for a recipient (issue 22, docs/architecture.md "Proxies"): a proxy is a person named by
-- staff, with an optional phone and email for the package notices and, optionally, a proxy PIN. A proxy PIN is an
-- access_keys row like a permanent PIN (same HMAC lookup, sealed at rest, same uniqueness with every other PIN and
-- carrier code, same sync as a credential), tied to the proxy by `proxy_id`; `recipient_id` stays the recipient
-- whose packages it collects, so the door's one lookup finds it. Shared by every node of a site (entity `proxy`):
-- details last writer wins; a revocation wins whatever the clocks (src/domain/sync/proxies.ts).

CREATE TABLE proxies (
  id           INTEGER PRIMARY KEY,
  uid          TEXT,
  recipient_id INTEGER NOT NULL REFERENCES recipients (id),
  name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  -- E.164, as recipients' phones.
  phone        TEXT,
  email        TEXT,
  -- The last local day (YYYY-MM-DD) the proxy may collect; NULL: until revoked.
  until_date   TEXT CHECK (until_date IS NULL OR until_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at   INTEGER NOT NULL,
  created_by   TEXT    NOT NULL,
  revoked_at   INTEGER,
  revoked_by   TEXT,
  updated_at   INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX proxies_by_uid ON proxies (uid);
CREATE INDEX proxies_by_recipient ON proxies (recipient_id, id);

ALTER TABLE access_keys ADD COLUMN proxy_id INTEGER REFERENCES proxies (id);
CREATE INDEX access_keys_by_proxy ON access_keys (proxy_id) WHERE proxy_id IS NOT NULL;

-- A package notice to a proxy names the proxy; the recipient stays the one it is about.
ALTER TABLE outbox ADD COLUMN proxy_id INTEGER REFERENCES proxies (id);

CREATE TRIGGER proxies_sync_insert AFTER INSERT ON proxies BEGIN
  UPDATE proxies SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'proxy', p.uid,
      json_object('recipient_uid', (SELECT uid FROM recipients WHERE id = p.recipient_id), 'name', p.name, 'phone', p.phone,
        'email', p.email, 'until_date', p.until_date, 'created_at', p.created_at, 'created_by', p.created_by,
        'revoked_at', p.revoked_at, 'revoked_by', p.revoked_by)
    FROM sync_node n, proxies p WHERE p.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT p.uid, '~created', n.hlc, n.node_uid FROM sync_node n, proxies p WHERE p.id = new.id AND n.capturing = 1 AND n.applying = 0;
END;

CREATE TRIGGER proxies_sync_update AFTER UPDATE ON proxies
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
  AND (old.name IS NOT new.name OR old.phone IS NOT new.phone OR old.email IS NOT new.email
    OR old.until_date IS NOT new.until_date OR old.revoked_at IS NOT new.revoked_at OR old.revoked_by IS NOT new.revoked_by)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'proxy', new.uid,
      (SELECT json_group_object(k, v) FROM (
        SELECT 'name' AS k, new.name AS v, old.name AS w
        UNION ALL SELECT 'phone', new.phone, old.phone
        UNION ALL SELECT 'email', new.email, old.email
        UNION ALL SELECT 'until_date', new.until_date, old.until_date
        UNION ALL SELECT 'revoked_at', new.revoked_at, old.revoked_at
        UNION ALL SELECT 'revoked_by', new.revoked_by, old.revoked_by
      ) WHERE v IS NOT w)
    FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, j.key, o.hlc, n.node_uid FROM sync_outbox o, json_each(o.fields) j, sync_node n
    WHERE o.seq = (SELECT max(seq) FROM sync_outbox)
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;

-- A credential's creation now says whose proxy PIN it is (`proxy_uid`), and a proxy PIN is not one of its
-- recipient's permanent PINs for the clash rule (`known`): a proxy PIN never replaces the recipient's own.
DROP TRIGGER access_keys_sync_insert;
CREATE TRIGGER access_keys_sync_insert AFTER INSERT ON access_keys BEGIN
  UPDATE access_keys SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.created_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'credential', k.uid,
      json_object('recipient_uid', r.uid, 'kind', k.kind, 'pin_hash', hex(k.pin_hash), 'pin_enc', hex(k.pin_enc),
        'qr_hash', hex(k.qr_hash), 'qr_enc', hex(k.qr_enc), 'status', k.status, 'expires_at', k.expires_at,
        'used_at', k.used_at, 'used_via', k.used_via, 'created_at', k.created_at,
        'ended_at', k.ended_at, 'proxy_uid', (SELECT uid FROM proxies WHERE id = k.proxy_id),
        'known', json((SELECT json_group_array(o.uid) FROM (
          SELECT uid FROM access_keys WHERE pin_hash = k.pin_hash AND id != k.id
          UNION SELECT uid FROM access_keys WHERE recipient_id = k.recipient_id AND k.kind = 'permanent' AND kind = 'permanent'
            AND k.proxy_id IS NULL AND proxy_id IS NULL AND id != k.id
        ) o)))
    FROM sync_node n, access_keys k JOIN recipients r ON r.id = k.recipient_id
    WHERE k.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT k.uid, '~created', n.hlc, n.node_uid FROM sync_node n, access_keys k WHERE k.id = new.id AND n.capturing = 1 AND n.applying = 0;
END;
