/**
 * Where a site's scheduled roster import runs (docs/architecture.md, "What staff see"): on one node, so that two
 * nodes cut off from each other never import the same export and create every new resident twice. Pure.
 */
export type RosterImportPlace = { here: true } | { here: false; node: string | null };

/**
 * Here on a single PC (no site) and on the node the site names; elsewhere on any other node, naming the node that
 * runs it when this one knows (null: the site's first node, for a node that joined).
 */
export function rosterImportPlace(node: { site: string | null; nodeName: string | null; rosterNode: string | null }): RosterImportPlace {
  if (node.site === null || (node.rosterNode !== null && node.rosterNode === node.nodeName)) return { here: true };
  return { here: false, node: node.rosterNode };
}
