-- Holds and vacations (issue 22; docs/architecture.md, "Holds"): a recipient away from `from_day` to `until_day`
-- (calendar days of this computer's zone, both included, as reminder days are counted). `keep`: reminders and
-- escalation wait, one notice when the hold ends; `return`: packages that arrive during it are to go back after
-- `return_days`. A shared record (entity `hold`): created once, then only cancelled and its end notice marked, each
-- once, the first by stamp winning; nothing else about a hold is ever edited (a changed hold is cancelled and set
-- again), so no merge can give a hold whose days or mode no one chose.
CREATE TABLE holds (
  id                INTEGER PRIMARY KEY,
  uid               TEXT,
  recipient_id      INTEGER NOT NULL REFERENCES recipients (id),
  from_day          TEXT    NOT NULL CHECK (from_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  until_day         TEXT    NOT NULL CHECK (until_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  mode              TEXT    NOT NULL CHECK (mode IN ('keep', 'return')),
  return_days       INTEGER CHECK (return_days IS NULL OR return_days BETWEEN 1 AND 60),
  created_at        INTEGER NOT NULL,
  created_by_name   TEXT    NOT NULL,
  created_via       TEXT    NOT NULL CHECK (created_via IN ('staff', 'sms', 'email')),
  cancelled_at      INTEGER,
  cancelled_by_name TEXT,
  -- When the end-of-hold notice was queued (by whichever node sent it): it goes once per hold, site-wide.
  end_notice_at     INTEGER,
  updated_at        INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX holds_by_uid ON holds (uid);
CREATE INDEX holds_by_recipient ON holds (recipient_id, until_day);
-- The schedule looks only at holds whose end notice is not yet marked: few rows, however long the history.
CREATE INDEX holds_open ON holds (until_day) WHERE end_notice_at IS NULL;

-- This node only, as the "Return to sender?" alert of a recipient who left (`inactive_alerted_at`): a package of a
-- `return` hold whose day to go back came, alerted about once.
CREATE TABLE hold_return_alerts (
  package_id INTEGER PRIMARY KEY REFERENCES packages (id),
  alerted_at INTEGER NOT NULL
) STRICT;

-- This node only: the texts it read from the site's Twilio number (a hold asked for by message), each handled once.
-- On a site only the node that runs the roster import reads them (src/services/holds/byText.ts).
CREATE TABLE hold_texts (
  sid         TEXT    NOT NULL PRIMARY KEY,
  received_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER holds_sync_insert AFTER INSERT ON holds BEGIN
  UPDATE holds SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND new.uid IS NULL;
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048) WHERE capturing = 1 AND applying = 0;
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'hold', h.uid,
      json_object('recipient_uid', (SELECT uid FROM recipients WHERE id = h.recipient_id), 'from_day', h.from_day,
        'until_day', h.until_day, 'mode', h.mode, 'return_days', h.return_days, 'created_at', h.created_at,
        'created_by_name', h.created_by_name, 'created_via', h.created_via, 'cancelled_at', h.cancelled_at,
        'cancelled_by_name', h.cancelled_by_name, 'end_notice_at', h.end_notice_at)
    FROM sync_node n, holds h WHERE h.id = new.id AND n.capturing = 1 AND n.applying = 0;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT h.uid, '~created', n.hlc, n.node_uid FROM sync_node n, holds h WHERE h.id = new.id AND n.capturing = 1 AND n.applying = 0;
END;

-- The two things that happen to a hold after it is made: cancelled (when, by whom), its end notice queued.
CREATE TRIGGER holds_sync_update AFTER UPDATE ON holds
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_node)
  AND (old.cancelled_at IS NOT new.cancelled_at OR old.end_notice_at IS NOT new.end_notice_at)
BEGIN
  UPDATE sync_node SET hlc = max(hlc + 1, new.updated_at * 2048);
  INSERT INTO sync_outbox (hlc, entity, uid, fields)
    SELECT n.hlc, 'hold', new.uid,
      (SELECT json_group_object(k, v) FROM (
        SELECT 'cancelled_at' AS k, new.cancelled_at AS v, old.cancelled_at AS w
        UNION ALL SELECT 'cancelled_by_name', new.cancelled_by_name, old.cancelled_by_name
        UNION ALL SELECT 'end_notice_at', new.end_notice_at, old.end_notice_at
      ) WHERE v IS NOT w)
    FROM sync_node n;
  INSERT INTO sync_stamps (uid, field, hlc, origin)
    SELECT new.uid, j.key, o.hlc, n.node_uid FROM sync_outbox o, json_each(o.fields) j, sync_node n
    WHERE o.seq = (SELECT max(seq) FROM sync_outbox)
  ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin;
END;
