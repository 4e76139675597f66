-- Several PCs, one building (issue 20): packages, the claims that let one node send each reminder, and carrier
-- codes become shared records (docs/architecture.md, "Several PCs, one building", rows Packages, Package notices
-- and reminders, Carrier codes). As in 0015, nothing is captured until `packroom site init` (or join) sets
-- sync_node.capturing; on a single PC the triggers only fill in `uid`.

-- ---- Packages ----

ALTER TABLE packages ADD COLUMN uid TEXT;
UPDATE packages SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX packages_by_uid ON packages (uid);

-- Two desks cut off from each other may each log the same tracking number: both packages must be able to arrive
-- everywhere (an apply that a unique index refuses would hold every later change of that node). The desk still
-- refuses a second waiting package with a number it already holds (PackageService.log checks first).
DROP INDEX packages_waiting_tracking;
CREATE INDEX packages_waiting_tracking ON packages (tracking) WHERE status = 'waiting';

-- Every change of a package's status as the site saw it: the status (and its details: who picked it up, when…)
-- is a function of this set (src/domain/sync/packages.ts packageState), so every node ends with the same
-- whatever order the changes came in. `base` is set on a return to waiting from a final state (found on the
-- shelf after all): the HLC of the latest final state its writer had seen, which that return undoes.
CREATE TABLE sync_package_states (
  uid     TEXT    NOT NULL,
  hlc     INTEGER NOT NULL,
  origin  TEXT    NOT NULL,
  value   TEXT    NOT NULL CHECK (value IN ('waiting', 'picked_up', 'returned', 'missing')),
  base    INTEGER,
  details TEXT    NOT NULL CHECK (json_valid(details)),
  PRIMARY KEY (uid, hlc, origin)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER packages_sync_insert AFTER INSERT ON packages BEGIN
  UPDATE packages SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'package', p.uid,
      json_object('tracking', p.tracking, 'carrier', p.carrier, 'carrier_name', p.carrier_name,
        'recipient_uid', (SELECT uid FROM recipients WHERE id = p.recipient_id), 'shelf', p.shelf, 'size', p.size,
        'perishable', p.perishable, 'note', p.note, 'logged_at', p.logged_at, 'logged_by_name', p.logged_by_name,
        'reminders_sent', p.reminders_sent, 'last_reminded_at', p.last_reminded_at, 'escalated_at', p.escalated_at,
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
    OR old.return_reason IS NOT new.return_reason OR old.missing_at IS NOT new.missing_at)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'package', new.uid,
      (SELECT json_group_object(k, CASE WHEN k = 'state' THEN json(v) ELSE v END) FROM (
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

-- ---- Claims: one node sends each reminder and raises each escalation ----

-- A node that finds a reminder or an escalation due claims it; a node that receives a claim it has not made answers
-- with its own. Of one claim's round, the lowest (hlc, origin) wins: that node acts, the others stand down. A round
-- whose winner did not act in time (it died) is followed by the next round. Insert-only: a claim never changes.
-- `claim`: 'reminder:<recipient uid>:<local date>' or 'escalation:<package uid>'.
CREATE TABLE package_claims (
  uid        TEXT    NOT NULL PRIMARY KEY,
  claim      TEXT    NOT NULL,
  round      INTEGER NOT NULL CHECK (round >= 1),
  origin     TEXT    NOT NULL,
  hlc        INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  -- This node only (never travels): when it decided its own claim, and how. NULL on other nodes' claims.
  decided_at INTEGER,
  outcome    TEXT CHECK (outcome IS NULL OR outcome IN ('won', 'lost')),
  UNIQUE (claim, round, origin)
) STRICT;

-- This node's claims not decided yet (decided on every claim that arrives); the recent claims a node answers.
CREATE INDEX package_claims_open ON package_claims (origin) WHERE decided_at IS NULL;
CREATE INDEX package_claims_by_time ON package_claims (claimed_at);

-- A claim is made only where sync is on (src/services/packages/claims.ts); its stamp is the change's HLC.
CREATE TRIGGER package_claims_sync_insert AFTER INSERT ON package_claims
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.claimed_at * 2048);
  UPDATE package_claims SET hlc = (SELECT hlc FROM sync_node), origin = (SELECT node_uid FROM sync_node) WHERE uid = new.uid;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT c.hlc, 'packageClaim', c.uid, json_object('claim', c.claim, 'round', c.round, 'claimed_at', c.claimed_at)
    FROM package_claims c WHERE c.uid = new.uid;
END;

-- ---- Carrier codes ----

ALTER TABLE carrier_codes ADD COLUMN uid TEXT;
UPDATE carrier_codes SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX carrier_codes_by_uid ON carrier_codes (uid);

-- The code's secret travels as it rests (the HMAC and the AES-GCM ciphertext under the site's data key, hex), never
-- in clear; the staff member who made it is a local id and stays here.
CREATE TRIGGER carrier_codes_sync_insert AFTER INSERT ON carrier_codes BEGIN
  UPDATE carrier_codes SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.created_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'carrierCode', c.uid,
      json_object('carrier', c.carrier, 'name', c.name, 'pin_hash', hex(c.pin_hash), 'pin_enc', hex(c.pin_enc), 'days', c.days,
        'from_minute', c.from_minute, 'until_minute', c.until_minute, 'until_date', c.until_date, 'status', c.status,
        'created_at', c.created_at, 'ended_at', c.ended_at, 'replaces_uid', (SELECT uid FROM carrier_codes WHERE id = c.replaces))
    FROM sync_node n, carrier_codes c WHERE c.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT c.uid, '~created', n.hlc, n.node_uid FROM sync_node n, carrier_codes c WHERE c.id = new.id AND n.capturing = 1 AND n.applying = 0;
END;

-- Carrier codes are revoked, never edited: the only change that travels is the status and when it ended.
CREATE TRIGGER carrier_codes_sync_update AFTER UPDATE ON carrier_codes
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node) AND (old.status IS NOT new.status OR old.ended_at IS NOT new.ended_at)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, coalesce(new.ended_at, 0) * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'carrierCode', new.uid, json_object('status', new.status, 'ended_at', new.ended_at) FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, j.key, o.hlc, n.node_uid FROM sync_outbox o, json_each(o.fields) j, sync_node n
    WHERE o.seq = (SELECT max(seq) FROM sync_outbox)
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;
