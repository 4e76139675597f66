/**
 * Attachments (photos and signatures kept with a package) are inserted once and never edited; the one later change
 * is a deletion by retention, which each node's daily pass may make at its own time. The earliest deletion stands,
 * so every node ends with the same `deleted_at` whatever order the deletions arrive in.
 */
export function deletionAfter(here: number | null, incoming: number | null): number | null {
  if (here === null) return incoming;
  if (incoming === null) return here;
  return Math.min(here, incoming);
}
