import { createWriteStream } from 'node:fs';
import { packageExportInput } from '../../contract/packages';
import type { CliHost } from '../host';
import { resolveDataDir } from '../../paths';
import { parse, UsageError } from '../args';

export const packagesUsage = `packroom packages export --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE] [--data DIR]
      Writes the package log for those days (this computer's time zone, both included) as CSV, to FILE or standard output.`;

export async function packagesCommand(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  host: CliHost,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'export')
    throw new UsageError(sub ? `unknown packages command "${sub}" (try: packroom packages export)` : 'packages needs a command: export');
  const { values } = parse(
    rest,
    { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' } },
    0,
  );
  if (!values.from || !values.to) throw new UsageError('packages export needs --from YYYY-MM-DD and --to YYYY-MM-DD');
  const range = packageExportInput.safeParse({ from: values.from, to: values.to });
  if (!range.success) throw new UsageError(`--from and --to must be dates like 2026-11-01, not "${values.from}" and "${values.to}"`);
  if (range.data.to < range.data.from) throw new UsageError('--to is before --from');

  const core = host.openCore(resolveDataDir(values.data));
  try {
    if (!values.out) {
      core.packages.writeCsv(range.data.from, range.data.to, (chunk) => out.write(chunk));
      return 0;
    }
    const file = createWriteStream(values.out);
    const rows = core.packages.writeCsv(range.data.from, range.data.to, (chunk) => file.write(chunk));
    await new Promise<void>((resolve, reject) => {
      file.once('error', reject);
      file.end(resolve);
    });
    err.write(`Wrote ${rows} package${rows === 1 ? '' : 's'} to ${values.out}.\n`);
    return 0;
  } finally {
    await core.close();
  }
}
