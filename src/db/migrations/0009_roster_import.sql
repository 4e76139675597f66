-- Roster import, part two: what an admin chose once, and applies that survive a crash.

-- The columns (by header name) and status words an admin chose in the last manual import of each
-- preset: later previews and the daily import start from them instead of asking again.
CREATE TABLE roster_mappings (
  preset        TEXT    PRIMARY KEY,
  columns       TEXT    NOT NULL CHECK (json_valid(columns)),
  status_values TEXT    NOT NULL CHECK (json_valid(status_values)),
  saved_at      INTEGER NOT NULL
) STRICT;

-- An apply in progress (at most one). 'staging' while the previewed changes are copied into
-- roster_apply_items (nothing applied yet: a crash here rolls back); 'applying' while they are
-- written a chunk at a time (a crash here resumes). The row is deleted when the run is recorded.
CREATE TABLE roster_applies (
  id             INTEGER PRIMARY KEY,
  state          TEXT    NOT NULL CHECK (state IN ('staging', 'applying')),
  started_at     INTEGER NOT NULL,
  trigger        TEXT    NOT NULL CHECK (trigger IN ('staff', 'schedule', 'cli')),
  actor          TEXT    NOT NULL,
  actor_staff_id INTEGER REFERENCES staff (id),
  file_name      TEXT,
  total          INTEGER NOT NULL,
  done           INTEGER NOT NULL DEFAULT 0,
  attempts       INTEGER NOT NULL DEFAULT 0,
  -- Everything else the run needs to finish after a restart: preview counts, policy, welcome
  -- messages, the mapping to remember, and the counts applied so far.
  plan           TEXT    NOT NULL CHECK (json_valid(plan))
) STRICT;

-- One previewed change per row, in apply order; a row is deleted in the transaction that applies it,
-- so each change is applied exactly once whatever happens in between.
CREATE TABLE roster_apply_items (
  apply_id INTEGER NOT NULL REFERENCES roster_applies (id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,
  item     TEXT    NOT NULL CHECK (json_valid(item)),
  PRIMARY KEY (apply_id, seq)
) STRICT, WITHOUT ROWID;
