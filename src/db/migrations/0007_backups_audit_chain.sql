-- The audit chain: each row's hash is SHA-256 of the previous row's hash and the row's own content
-- (src/db/auditChain.ts defines the exact bytes), so editing, inserting or removing a row breaks every
-- hash from there on. Existing rows are chained here, in id order, by the packroom_audit_hash()
-- function the connection registers before it migrates.
ALTER TABLE audit_log ADD COLUMN hash BLOB CHECK (hash IS NULL OR length(hash) = 32);

-- Walked once into a keyed temporary table, then copied: joining the recursive walk to the table
-- directly would make the upgrade quadratic in the number of rows.
CREATE TEMP TABLE audit_chain (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);

WITH RECURSIVE chain (id, hash) AS (
  SELECT id, packroom_audit_hash(NULL, id, at, actor_staff_id, actor, action, subject, details)
    FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)
  UNION ALL
  SELECT a.id, packroom_audit_hash(chain.hash, a.id, a.at, a.actor_staff_id, a.actor, a.action, a.subject, a.details)
    FROM chain JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > chain.id)
)
INSERT INTO audit_chain (id, hash) SELECT id, hash FROM chain;

UPDATE audit_log SET hash = (SELECT hash FROM audit_chain WHERE audit_chain.id = audit_log.id);

DROP TABLE audit_chain;

-- Every backup attempt (scheduled, from Settings, or `packroom backup`), for Settings → Backups and
-- the "no backup in 48 hours" warning.
CREATE TABLE backup_runs (
  id          INTEGER PRIMARY KEY,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  trigger     TEXT    NOT NULL CHECK (trigger IN ('schedule', 'staff', 'cli')),
  outcome     TEXT    NOT NULL CHECK (outcome IN ('ok', 'failed')),
  file        TEXT,
  bytes       INTEGER,
  message     TEXT
) STRICT;

CREATE INDEX backup_runs_by_outcome ON backup_runs (outcome, started_at);

-- The data key sealed with the backup passphrase (scrypt + AES-256-GCM), written when an admin sets
-- the passphrase, so the nightly backup can carry the key without Packroom ever keeping the passphrase.
-- One row at most.
CREATE TABLE backup_key (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  sealed      TEXT    NOT NULL CHECK (json_valid(sealed)),
  set_at      INTEGER NOT NULL
) STRICT;
