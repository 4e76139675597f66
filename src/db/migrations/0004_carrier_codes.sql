-- Carrier codes: an 8-digit code per carrier (UPS, FedEx, ...) that opens the door only inside its weekly window.
--
-- Their own table rather than a third kind of access_keys row: an access_keys row belongs to a recipient and
-- carries a QR token (both NOT NULL) and its kind is CHECKed, so a carrier kind would mean rebuilding
-- access_keys, which the outbox references (foreign keys are on while migrations run) and which other
-- migrations may alter. Two guarantees are kept across both tables instead:
--   * the door's PIN lookup stays one statement, one probe of each table's partial unique index
--     (AccessKeyRepository.findActive), and
--   * no active carrier code ever equals an active resident PIN: both issuers check both tables, and the two
--     triggers below refuse an insert that would collide, whichever side it comes from.
-- The secret is stored as for PINs: pin_hash is the keyed HMAC used for lookup, pin_enc AES-256-GCM ciphertext.
CREATE TABLE carrier_codes (
  id           INTEGER PRIMARY KEY,
  carrier      TEXT    NOT NULL CHECK (carrier IN ('ups', 'fedex', 'usps', 'amazon', 'dhl', 'other')),
  -- As staff see it: 'UPS', or the name typed for 'other'.
  name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  pin_hash     BLOB    NOT NULL,
  pin_enc      BLOB    NOT NULL,
  -- Weekdays as a bit mask, Monday = 1, Tuesday = 2, ... Sunday = 64.
  days         INTEGER NOT NULL CHECK (days BETWEEN 1 AND 127),
  -- Local wall-clock minutes after midnight; until < from is a window that crosses midnight.
  from_minute  INTEGER NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
  until_minute INTEGER NOT NULL CHECK (until_minute BETWEEN 0 AND 1439 AND until_minute != from_minute),
  -- The last local date (YYYY-MM-DD) a window may start on; NULL: no end date.
  until_date   TEXT    CHECK (until_date IS NULL OR until_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status       TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  created_at   INTEGER NOT NULL,
  created_by   INTEGER REFERENCES staff (id),
  ended_at     INTEGER,
  -- The code this one replaced (Regenerate).
  replaces     INTEGER REFERENCES carrier_codes (id)
) STRICT;

CREATE UNIQUE INDEX carrier_codes_active_pin ON carrier_codes (pin_hash) WHERE status = 'active';

CREATE TRIGGER carrier_codes_not_a_pin BEFORE INSERT ON carrier_codes
WHEN EXISTS (SELECT 1 FROM access_keys WHERE pin_hash = NEW.pin_hash AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'carrier code equals an active PIN');
END;

CREATE TRIGGER access_keys_not_a_carrier_code BEFORE INSERT ON access_keys
WHEN EXISTS (SELECT 1 FROM carrier_codes WHERE pin_hash = NEW.pin_hash AND status = 'active')
BEGIN
  SELECT RAISE(ABORT, 'PIN equals an active carrier code');
END;

-- Each time a carrier code opened the door, written in the door's transaction. A visit is checked once,
-- 30 minutes later: if nothing was logged for that carrier since, staff get an alert. Kept as rows so a
-- restart in between loses no check.
CREATE TABLE carrier_visits (
  id              INTEGER PRIMARY KEY,
  carrier_code_id INTEGER NOT NULL REFERENCES carrier_codes (id),
  carrier         TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  entered_at      INTEGER NOT NULL,
  checked_at      INTEGER,
  -- Packages logged for the carrier between the entry and the check.
  logged          INTEGER
) STRICT;

CREATE INDEX carrier_visits_unchecked ON carrier_visits (entered_at) WHERE checked_at IS NULL;
