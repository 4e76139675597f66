-- A node made by `packroom site join` has not caught up with its site until its engine has applied the site's
-- stream up to where it stood when the node connected: until then its door refuses every code with "starting up"
-- (docs/architecture.md, "Joining"). Every node from before (a single PC, a site's first node) has nothing to
-- catch up: 1, so its door never waits for the network.
ALTER TABLE sync_node ADD COLUMN caught_up INTEGER NOT NULL DEFAULT 1 CHECK (caught_up IN (0, 1));
