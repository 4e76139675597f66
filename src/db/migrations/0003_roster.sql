-- Roster import. Move dates are kept as the file gives them (YYYY-MM-DD), so a re-import can tell
-- an unchanged resident from one whose lease dates moved.
ALTER TABLE recipients ADD COLUMN move_in TEXT;
ALTER TABLE recipients ADD COLUMN move_out TEXT;

-- One row per import that was applied, blocked by the safety threshold, or failed: the "last runs"
-- staff see in the Import tab. The field-by-field detail is in the audit log.
CREATE TABLE roster_runs (
  id          INTEGER PRIMARY KEY,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  trigger     TEXT    NOT NULL CHECK (trigger IN ('staff', 'schedule', 'cli')),
  actor       TEXT    NOT NULL,
  file_name   TEXT,
  outcome     TEXT    NOT NULL CHECK (outcome IN ('applied', 'blocked', 'failed')),
  message     TEXT,
  counts      TEXT CHECK (counts IS NULL OR json_valid(counts))
) STRICT;

CREATE INDEX roster_runs_by_trigger ON roster_runs (trigger, started_at);
