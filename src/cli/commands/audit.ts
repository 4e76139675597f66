import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/open';
import { createRepositories } from '../../db/repositories';
import { databaseFile, resolveDataDir } from '../../paths';
import { verifyAuditChains, type ChainReport } from '../../services/auditTrail';
import { parse, UsageError } from '../args';

export const auditUsage = `packroom audit verify [--data DIR]
      Checks the audit log's hash chain: exits 0 with the number of rows checked, or 1 naming the
      first row that was changed, inserted or removed. On a node of a site, every node's chain it
      holds, one line each.`;

const verdict = (report: ChainReport): string =>
  report.ok
    ? report.last
      ? `verifies: ${report.checked} rows checked, the last is row ${report.last.id} (${new Date(report.last.at).toISOString()}) with hash ${report.last.hash}.`
      : 'is empty: nothing to check.'
    : `does not verify: row ${report.bad.id} (${new Date(report.bad.at).toISOString()}) does not match the chain: ${report.bad.problem}. ${report.checked} rows before it are intact.`;

export function auditCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(sub ? `unknown audit command "${sub}"` : 'audit needs a command: verify');
  const { values } = parse(rest, { data: { type: 'string' } }, 0);
  const file = databaseFile(resolveDataDir(values.data));
  if (!existsSync(file)) throw new Error(`There is no Packroom database at ${file}.`);
  // Only the database: checking the chain needs no data key, so it works on any host's data folder.
  const db = openDatabase(file);
  try {
    const repos = createRepositories(db);
    const chains = verifyAuditChains(repos.audit, repos.sync);
    // A single PC has one chain, said as it always was; a node of a site says whose chain each line is about.
    const single = chains.length === 1 && repos.sync.node().site === null;
    for (const { origin, node, report } of chains) {
      const whose = single
        ? 'The audit log'
        : origin === null
          ? `This node's audit log${node ? ` (${node})` : ''}`
          : `The audit log of node ${node ?? origin}`;
      (report.ok ? out : err).write(`${whose} ${verdict(report)}\n`);
    }
    return chains.every((c) => c.report.ok) ? 0 : 1;
  } finally {
    db.close();
  }
}
