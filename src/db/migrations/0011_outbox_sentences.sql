-- Why a send failed, as a sentence (JSON key and params) staff read in their own language; last_error keeps the English.
ALTER TABLE outbox ADD COLUMN last_error_sentence TEXT;
