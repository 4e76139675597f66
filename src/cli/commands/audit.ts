import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/open';
import { createRepositories } from '../../db/repositories';
import { databaseFile, resolveDataDir } from '../../paths';
import { verifyAuditChain } from '../../services/auditTrail';
import { parse, UsageError } from '../args';

export const auditUsage = `packroom audit verify [--data DIR]
      Checks the audit log's hash chain: exits 0 with the number of rows checked, or 1 naming the
      first row that was changed, inserted or removed.`;

export function auditCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(sub ? `unknown audit command "${sub}"` : 'audit needs a command: verify');
  const { values } = parse(rest, { data: { type: 'string' } }, 0);
  const file = databaseFile(resolveDataDir(values.data));
  if (!existsSync(file)) throw new Error(`There is no Packroom database at ${file}.`);
  // Only the database: checking the chain needs no data key, so it works on any host's data folder.
  const db = openDatabase(file);
  try {
    const report = verifyAuditChain(createRepositories(db).audit);
    if (!report.ok) {
      err.write(
        `The audit log does not verify: row ${report.bad.id} (${new Date(report.bad.at).toISOString()}) does not match the chain: ${report.bad.problem}. ${report.checked} rows before it are intact.\n`,
      );
      return 1;
    }
    out.write(
      report.last
        ? `The audit log verifies: ${report.checked} rows checked, the last is row ${report.last.id} (${new Date(report.last.at).toISOString()}) with hash ${report.last.hash}.\n`
        : 'The audit log is empty: nothing to check.\n',
    );
    return 0;
  } finally {
    db.close();
  }
}
