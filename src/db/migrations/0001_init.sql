-- Times are integer milliseconds since the Unix epoch (UTC), read from the app clock.

CREATE TABLE staff (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('admin', 'staff')),
  password_hash TEXT    NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE recipients (
  id              INTEGER PRIMARY KEY,
  external_id     TEXT UNIQUE,
  first_name      TEXT    NOT NULL,
  last_name       TEXT    NOT NULL,
  unit            TEXT    NOT NULL,
  email           TEXT,
  phone           TEXT,
  status          TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  manually_edited INTEGER NOT NULL DEFAULT 0 CHECK (manually_edited IN (0, 1)),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX recipients_by_name ON recipients (status, last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX recipients_by_phone ON recipients (phone) WHERE phone IS NOT NULL;

-- Typeahead by name or unit: prefix indexes keep one- to three-letter prefixes fast at 100,000 rows.
CREATE VIRTUAL TABLE recipients_fts USING fts5 (
  first_name, last_name, unit,
  content = 'recipients', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

CREATE TRIGGER recipients_fts_insert AFTER INSERT ON recipients BEGIN
  INSERT INTO recipients_fts (rowid, first_name, last_name, unit) VALUES (new.id, new.first_name, new.last_name, new.unit);
END;

CREATE TRIGGER recipients_fts_delete AFTER DELETE ON recipients BEGIN
  INSERT INTO recipients_fts (recipients_fts, rowid, first_name, last_name, unit) VALUES ('delete', old.id, old.first_name, old.last_name, old.unit);
END;

CREATE TRIGGER recipients_fts_update AFTER UPDATE OF first_name, last_name, unit ON recipients BEGIN
  INSERT INTO recipients_fts (recipients_fts, rowid, first_name, last_name, unit) VALUES ('delete', old.id, old.first_name, old.last_name, old.unit);
  INSERT INTO recipients_fts (rowid, first_name, last_name, unit) VALUES (new.id, new.first_name, new.last_name, new.unit);
END;

CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  actor_staff_id INTEGER REFERENCES staff (id),
  -- Who acted, as shown to people: a staff user name, 'door', 'system' or 'cli'.
  actor          TEXT    NOT NULL,
  action         TEXT    NOT NULL,
  -- What it touched, as 'kind:id' (e.g. 'recipient:12'), so one recipient's history is an index range.
  subject        TEXT,
  details        TEXT CHECK (details IS NULL OR json_valid(details))
) STRICT;

CREATE INDEX audit_by_subject ON audit_log (subject, id) WHERE subject IS NOT NULL;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;
