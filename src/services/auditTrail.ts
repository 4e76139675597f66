import type { AuditExportChunk, AuditExportInput } from '../contract';
import { auditHash, chainStart } from '../db/auditChain';
import type { AuditRepository } from '../db/repositories/audit';
import type { SyncRepository } from '../db/repositories/sync';

export type ChainReport =
  | { ok: true; checked: number; last: { id: number; at: number; hash: string } | null }
  | { ok: false; checked: number; bad: { id: number; at: number; problem: string } };

/**
 * Walks one audit chain from its first row: each stored hash must equal the hash of the previous row's hash and
 * the row's own content. Stops at the first row that does not match. `origin` null is this node's own chain (its
 * ids are the table's, with other nodes' rows between them on a node of a site); otherwise the copy of that node's
 * chain, numbered as that node numbers it.
 */
export function verifyAuditChain(audit: AuditRepository, origin: string | null = null): ChainReport {
  let previous: Buffer | null = null;
  let expectedId: number | null = null;
  let checked = 0;
  let last: { id: number; at: number; hash: string } | null = null;
  for (const row of audit.chain(origin)) {
    const bad = (problem: string): ChainReport => ({ ok: false, checked, bad: { id: row.id, at: row.at, problem } });
    if (row.hash === null) return bad('it has no chain hash');
    if (!auditHash(previous, row).equals(row.hash)) {
      // Only this node's ids are the table's: a gap no row of any chain fills is rows removed.
      const gap = origin === null && expectedId !== null && row.id !== expectedId && audit.countBetween(expectedId, row.id - 1) === 0;
      return bad(
        gap ? `rows ${expectedId} to ${row.id - 1} are missing` : 'its content or hash was changed, or a row before it was removed',
      );
    }
    previous = row.hash;
    expectedId = row.id + 1;
    checked++;
    last = { id: row.id, at: row.at, hash: row.hash.toString('hex') };
  }
  return { ok: true, checked, last };
}

/** One chain's verdict: whose it is (the node's name, when this node has applied a change of it) and its report. */
export interface NodeChainReport {
  /** The node's uid; null for this node's own chain. */
  origin: string | null;
  node: string | null;
  report: ChainReport;
}

/**
 * Every chain this node holds: its own first, then each other node's copy (docs/architecture.md, "The audit
 * chains"). Each is verified as its node wrote it; nothing of one chain is hashed into another.
 */
export function verifyAuditChains(audit: AuditRepository, sync: SyncRepository): NodeChainReport[] {
  const names = new Map(sync.applied().map((a) => [a.origin, a.nodeName]));
  return [
    { origin: null, node: sync.node().nodeName, report: verifyAuditChain(audit) },
    ...audit.origins().map((origin) => ({ origin, node: names.get(origin) ?? null, report: verifyAuditChain(audit, origin) })),
  ];
}

export const auditCsvColumns = ['id', 'at', 'actor_staff_id', 'actor', 'action', 'subject', 'details', 'previous_hash', 'hash'] as const;

// One export call reads at most this many ids, so the door never waits behind an export.
const exportSpan = 5000;

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or CR) as a formula: such a cell
 * gets a leading apostrophe, which docs/install.md ("Audit trail") tells a verifier to drop before recomputing a hash.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** One piece of an audit export as CSV (RFC 4180); the caller asks again with `nextAfterId` until it is null. */
export function exportAuditCsv(audit: AuditRepository, input: AuditExportInput): AuditExportChunk {
  const afterId = input.afterId ?? 0;
  const { rows, maxId } = audit.exportWindow(
    { from: Date.parse(input.from), to: Date.parse(input.to), doorOnly: input.doorOnly },
    afterId,
    exportSpan,
  );
  let csv = afterId === 0 ? csvLine([...auditCsvColumns]) : '';
  for (const r of rows) {
    csv += csvLine([
      r.id,
      new Date(r.at).toISOString(),
      r.actorStaffId,
      r.actor,
      r.action,
      r.subject,
      r.details,
      (r.previousHash ?? chainStart).toString('hex'),
      r.hash?.toString('hex') ?? null,
    ]);
  }
  const until = afterId + exportSpan;
  return { csv, rows: rows.length, nextAfterId: until < maxId ? until : null, lastId: maxId };
}
