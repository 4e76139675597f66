-- Why a backup failed, as the sentence staff read in their own language: its catalog key and parameters
-- (JSON). Runs recorded before keep only the English in `message`, which is shown as it is.
ALTER TABLE backup_runs ADD COLUMN message_key TEXT;
ALTER TABLE backup_runs ADD COLUMN message_params TEXT CHECK (message_params IS NULL OR json_valid(message_params));
