-- A run's message as a sentence (catalog key and JSON parameters), so each staff screen shows it in its own
-- language. `message` keeps the English for the audit log and the command line; a row from before this has only that.
ALTER TABLE roster_runs ADD COLUMN message_key TEXT;
ALTER TABLE roster_runs ADD COLUMN message_params TEXT CHECK (message_params IS NULL OR json_valid(message_params));
