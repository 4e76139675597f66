-- Why a send failed, as a sentence (catalog key and JSON parameters) staff read in their own language.
-- last_error keeps the English for the log and the command line; a row from before this has only that.
ALTER TABLE outbox ADD COLUMN last_error_key TEXT;
ALTER TABLE outbox ADD COLUMN last_error_params TEXT CHECK (last_error_params IS NULL OR json_valid(last_error_params));
