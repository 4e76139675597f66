-- Credentials. A row is one grant: a PIN and a QR token that open the door for one recipient.
-- Secrets are never stored in plain text: *_hash is an HMAC (keyed, for lookup) and *_enc is
-- AES-256-GCM ciphertext; both keys live outside the database.
CREATE TABLE access_keys (
  id           INTEGER PRIMARY KEY,
  recipient_id INTEGER NOT NULL REFERENCES recipients (id),
  kind         TEXT    NOT NULL CHECK (kind IN ('permanent', 'single')),
  pin_hash     BLOB    NOT NULL,
  pin_enc      BLOB    NOT NULL,
  qr_hash      BLOB    NOT NULL,
  qr_enc       BLOB    NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'used', 'revoked', 'expired')),
  expires_at   INTEGER,
  used_at      INTEGER,
  used_via     TEXT,
  created_at   INTEGER NOT NULL,
  created_by   INTEGER REFERENCES staff (id),
  ended_at     INTEGER,
  CHECK (kind = 'permanent' OR expires_at IS NOT NULL)
) STRICT;

-- No two active credentials share a PIN or a QR token.
CREATE UNIQUE INDEX access_keys_active_pin ON access_keys (pin_hash) WHERE status = 'active';
CREATE UNIQUE INDEX access_keys_active_qr ON access_keys (qr_hash) WHERE status = 'active';
-- Ended keys too, so the audit can say "already used" or "expired" rather than "unknown".
CREATE INDEX access_keys_by_pin ON access_keys (pin_hash);
CREATE INDEX access_keys_by_recipient ON access_keys (recipient_id, id);
CREATE INDEX access_keys_expiring ON access_keys (expires_at) WHERE status = 'active' AND expires_at IS NOT NULL;

-- Notifications waiting to be sent, sent, or given up on. The message text is rendered at send
-- time from the access key, so no PIN sits here in plain text.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  channel         TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient_id    INTEGER NOT NULL REFERENCES recipients (id),
  access_key_id   INTEGER REFERENCES access_keys (id),
  template        TEXT    NOT NULL,
  destination     TEXT    NOT NULL,
  status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  provider_id     TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
) STRICT;

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_recipient ON outbox (recipient_id, id);

-- Things staff must see: repeated failed PINs, a lockout, a device missing, a send that failed.
CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  at              INTEGER NOT NULL,
  kind            TEXT    NOT NULL,
  message         TEXT    NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by INTEGER REFERENCES staff (id)
) STRICT;

CREATE INDEX alerts_open ON alerts (id) WHERE acknowledged_at IS NULL;
