-- An alert's sentence (catalog key and JSON parameters), so each staff screen shows it in its own language.
-- `message` keeps the English for the command line and the log; a row from before this has only that.
ALTER TABLE alerts ADD COLUMN message_key TEXT;
ALTER TABLE alerts ADD COLUMN message_params TEXT CHECK (message_params IS NULL OR json_valid(message_params));
