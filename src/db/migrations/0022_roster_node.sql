-- Several PCs, one building (issue 20; docs/architecture.md "What staff see"): the node of the site that runs the
-- scheduled roster import. Two nodes importing the same export while cut off from each other would create every new
-- resident twice, so one node does. `site init` names itself; a node from before this migration was made by
-- `site init` (the only way then), so it names itself too. Null on a single PC and on a node that joined: those do
-- not know another's name, and the import does not run there.
ALTER TABLE sync_node ADD COLUMN roster_node TEXT;
UPDATE sync_node SET roster_node = node_name WHERE site IS NOT NULL;
