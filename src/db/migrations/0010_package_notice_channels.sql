-- How a recipient is told about packages: 'email', 'sms' or 'both'; NULL sends to every channel on file.
ALTER TABLE recipients ADD COLUMN package_notices TEXT CHECK (package_notices IS NULL OR package_notices IN ('email', 'sms', 'both'));
