import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError, message, messageText, rosterUploadLimits, type RosterPreset } from '../../contract';
import { rosterPreset } from '../../contract/roster';
import { rosterImportPlace } from '../../domain/sync/roster';
import { resolveDataDir } from '../../paths';
import { cliActor } from '../../services/audit/service';
import { deactivationFigures } from '../../services/roster/summary';
import type { CliHost } from '../host';
import { parse, UsageError } from '../args';
import { formatApplied, formatPreview } from '../rosterReport';

export const importUsage = `packroom import FILE [--preset yardi|onesite|entrata|salesforce|appfolio|buildium|rentmanager|resman|mri|generic] [--dry-run] [--yes-deactivate-many] [--data DIR]
      Previews a roster export (CSV or .xlsx) against the recipients, then applies it unless --dry-run.
      Exits 1 when the file cannot be read, 3 when it would deactivate more residents than the site's limit
      (--yes-deactivate-many applies it anyway).`;

/** Exit code when the safety threshold stops the import. */
export const blockedExitCode = 3;

export async function importCommand(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  host: CliHost,
): Promise<number> {
  const { values, positionals } = parse(
    args,
    { preset: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'yes-deactivate-many': { type: 'boolean' }, data: { type: 'string' } },
    1,
  );
  const path = positionals[0];
  if (!path) throw new UsageError('import needs a FILE (a CSV or Excel export)');
  const preset = presetFrom(values.preset);
  const bytes = await readExport(path);

  const core = host.openCore(resolveDataDir(values.data));
  try {
    // Warned, not refused: importing on another node is how a site imports while that node is down.
    const place = rosterImportPlace(core.repos.sync.node());
    if (!place.here) {
      const which = place.node ? `computer "${place.node}"` : "the site's first computer";
      err.write(
        `packroom: warning: ${which} runs this site's roster import, not this one. What is imported here reaches every computer; the same file imported on two computers while they are cut off from each other adds each new resident twice.\n`,
      );
    }
    const startedAt = core.clock.now();
    const preview = await core.roster.dryRun(bytes, basename(path), { preset }).catch((error: unknown) => {
      throw error instanceof ApiError ? new Error(`${path}: ${error.message}`, { cause: error }) : error;
    });
    out.write(formatPreview(preview));
    if (!preview.id || !preview.diff) throw new Error(`${path}: the columns Packroom needs were not found. Try another --preset.`);
    if (values['dry-run']) {
      core.roster.discard(preview.id);
      out.write('Dry run: nothing was changed.\n');
      return 0;
    }
    const confirm = values['yes-deactivate-many'] === true;
    if (preview.diff.safety.exceeded && !confirm) {
      const figures = deactivationFigures(preview.diff.safety, preview.diff.safety.limit);
      const why = messageText(message('roster.run.wouldDeactivate', figures));
      core.roster.discard(preview.id);
      core.roster.recordStopped(cliActor, 'cli', basename(path), startedAt, 'blocked', message('roster.run.blocked', figures));
      err.write(`packroom: nothing was changed: ${why}. Check the file; if it is complete, run again with --yes-deactivate-many.\n`);
      return blockedExitCode;
    }
    out.write(formatApplied(await core.roster.apply(cliActor, preview.id, { confirmLargeDeactivation: confirm, trigger: 'cli' })));
    return 0;
  } finally {
    await core.close();
  }
}

function presetFrom(value: string | undefined): RosterPreset {
  const parsed = rosterPreset.safeParse(value ?? 'generic');
  if (!parsed.success) throw new UsageError(`--preset must be one of ${rosterPreset.options.join(', ')}, not "${value}"`);
  return parsed.data;
}

async function readExport(path: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'that is a folder' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new Error(`cannot read ${path}: ${why}`, { cause: error });
  }
  if (bytes.length > rosterUploadLimits.maxBytes)
    throw new Error(`${path} is larger than 60 MB. Export only current residents, or split the file.`);
  return bytes;
}
