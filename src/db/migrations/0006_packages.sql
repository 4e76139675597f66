-- Packages logged at the front desk. Tracking numbers are stored normalized (upper case, without
-- spaces, dashes or a USPS 420 + ZIP routing prefix), so a scan and a typed number meet.
CREATE TABLE packages (
  id                      INTEGER PRIMARY KEY,
  tracking                TEXT    NOT NULL,
  carrier                 TEXT    NOT NULL CHECK (carrier IN ('ups', 'fedex', 'usps', 'amazon', 'dhl', 'other')),
  -- The name typed for 'other' (a courier's own label), or the one detection found (OnTrac…).
  carrier_name            TEXT,
  recipient_id            INTEGER NOT NULL REFERENCES recipients (id),
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
  -- Reminders: how many of the reminder days were covered, and when the last one went out.
  reminders_sent          INTEGER NOT NULL DEFAULT 0,
  last_reminded_at        INTEGER,
  escalated_at            INTEGER,
  -- When staff were alerted that the recipient is no longer active ("Return to sender?").
  inactive_alerted_at     INTEGER,
  updated_at              INTEGER NOT NULL
) STRICT;

-- The same number cannot wait twice; a number picked up or returned may come again (a re-delivery).
CREATE UNIQUE INDEX packages_waiting_tracking ON packages (tracking) WHERE status = 'waiting';
CREATE INDEX packages_by_tracking ON packages (tracking, logged_at);
CREATE INDEX packages_by_status ON packages (status, logged_at, id);
CREATE INDEX packages_by_logged ON packages (logged_at, id);
CREATE INDEX packages_by_recipient ON packages (recipient_id, status, logged_at);
CREATE INDEX packages_by_carrier ON packages (carrier, logged_at);
CREATE INDEX packages_picked_up ON packages (picked_up_at) WHERE picked_up_at IS NOT NULL;

-- A shelf check: staff scan what is physically on the shelves, then Packroom compares.
CREATE TABLE shelf_checks (
  id              INTEGER PRIMARY KEY,
  started_at      INTEGER NOT NULL,
  started_by      INTEGER REFERENCES staff (id),
  started_by_name TEXT    NOT NULL,
  status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished', 'cancelled')),
  finished_at     INTEGER,
  result          TEXT CHECK (result IS NULL OR json_valid(result))
) STRICT;

CREATE UNIQUE INDEX shelf_checks_one_open ON shelf_checks (status) WHERE status = 'open';

CREATE TABLE shelf_check_scans (
  check_id   INTEGER NOT NULL REFERENCES shelf_checks (id),
  tracking   TEXT    NOT NULL,
  scanned_at INTEGER NOT NULL,
  PRIMARY KEY (check_id, tracking)
) STRICT, WITHOUT ROWID;
