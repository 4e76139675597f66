import { hash } from 'node:crypto';

/** The hash the first row is chained to. */
export const chainStart = Buffer.alloc(32);

/** One audit row as stored: `details` is the JSON text exactly as written, never re-serialized. */
export interface ChainedContent {
  id: number;
  at: number;
  actorStaffId: number | null;
  actor: string;
  action: string;
  subject: string | null;
  details: string | null;
}

/**
 * SHA-256(previous hash ‖ UTF-8 of the JSON array [id, at, actor_staff_id, actor, action, subject,
 * details]). A JSON array of strings, numbers and nulls has one spelling, so anyone can recompute it
 * from an export (docs/install.md, "Audit trail").
 */
export function auditHash(previous: Uint8Array | null, row: ChainedContent): Buffer {
  const content = JSON.stringify([row.id, row.at, row.actorStaffId, row.actor, row.action, row.subject, row.details]);
  // One-shot: a Hash object per row is a native object for the garbage collector, and an import writes thousands of rows.
  return hash('sha256', Buffer.concat([previous ?? chainStart, Buffer.from(content, 'utf8')]), 'buffer');
}
