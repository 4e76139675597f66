-- Brute-force limits are data: a restart (power cut, crash, update) must not hand a guesser fresh tries.
-- Each row is written in the same transaction as the audit row of the attempt that changed it.

-- Per keypad or reader: consecutive failures and the lockout they earned.
CREATE TABLE door_throttle_devices (
  device          TEXT    PRIMARY KEY,
  failures        INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  locked_until    INTEGER NOT NULL
) STRICT;

-- The bucket of wrong PINs shared by all keypads: `tokens` left as of `at`, refilling from then on.
CREATE TABLE door_throttle_bucket (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  tokens REAL    NOT NULL,
  at     INTEGER NOT NULL
) STRICT;

-- Single Access PIN Requests that were allowed, for the per-number and per-keypad limits. A typed phone
-- number is stored only as an HMAC (the key lives outside the database), never as the number itself.
CREATE TABLE door_pin_requests (
  key BLOB    NOT NULL,
  at  INTEGER NOT NULL
) STRICT;

CREATE INDEX door_pin_requests_by_key ON door_pin_requests (key, at);
CREATE INDEX door_pin_requests_by_age ON door_pin_requests (at);

-- Wrong staff passwords at sign-in and at the lock screen, per user name (lower case).
CREATE TABLE login_failures (
  username TEXT    PRIMARY KEY,
  count    INTEGER NOT NULL,
  until    INTEGER NOT NULL
) STRICT;

-- Present while a Packroom run is going; removed when it shuts down cleanly. Found at start-up, it
-- means the previous run ended without shutting down.
CREATE TABLE run_marker (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  started_at INTEGER NOT NULL
) STRICT;
