-- Adding a recipient first looks for an active one with the same email address (asked before a duplicate is
-- made): an index probe rather than a scan of every recipient on the door's thread.
CREATE INDEX recipients_by_email ON recipients (email) WHERE email IS NOT NULL;
