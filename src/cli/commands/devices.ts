import { createSimulator } from '../../../native/sim/simulator';
import { ApiError, messageText } from '../../contract';
import { resolveDataDir } from '../../paths';
import { cliActor } from '../../services/audit/service';
import type { DeviceMode } from '../../services/devices/service';
import type { CliHost } from '../host';
import { parse, UsageError } from '../args';

export const devicesUsage = `packroom devices list [--data DIR]
  packroom devices assign keypad|reader|relay SELECTOR [--channel N] [--data DIR]
      SELECTOR is VID:PID[:SERIAL] in hex (e.g. 16c0:05df) or a device path from "devices list".
  packroom devices unassign keypad|reader|relay [--data DIR]
      Add --sim to any of these to work on the simulated devices instead of USB.`;

const roles = ['keypad', 'reader', 'relay'] as const;
type Role = (typeof roles)[number];

function role(value: string | undefined): Role {
  if (!value) throw new UsageError('say which role: keypad, reader or relay');
  if (!(roles as readonly string[]).includes(value)) throw new UsageError(`role must be keypad, reader or relay, not "${value}"`);
  return value as Role;
}

export async function devicesCommand(args: string[], out: NodeJS.WritableStream, host: CliHost): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['list', 'assign', 'unassign'].includes(sub)) {
    throw new UsageError(sub ? `unknown devices command "${sub}"` : 'devices needs a command: list, assign or unassign');
  }
  const { values, positionals } = parse(
    rest,
    { data: { type: 'string' }, channel: { type: 'string' }, sim: { type: 'boolean' } },
    sub === 'assign' ? 2 : sub === 'unassign' ? 1 : 0,
  );
  const channel = values.channel === undefined ? undefined : Number(values.channel);
  if (channel !== undefined && (!Number.isInteger(channel) || channel < 1 || channel > 8)) {
    throw new UsageError(`--channel must be a relay channel from 1 to 8, not "${values.channel}"`);
  }
  const core = host.openCore(resolveDataDir(values.data));
  const mode: DeviceMode = values.sim ? 'sim' : 'auto';
  try {
    await core.devices.attach(mode, values.sim ? createSimulator(() => core.clock.now()) : undefined);
    if (sub === 'assign') {
      const r = role(positionals[0]);
      if (!positionals[1]) throw new UsageError('devices assign needs a SELECTOR (see "packroom devices list")');
      if (channel !== undefined && r !== 'relay') throw new UsageError('--channel is only for the relay');
      await core.devices.assign(cliActor, r, positionals[1], channel);
      out.write(
        `Assigned ${positionals[1]} as the door ${r}${r === 'relay' ? ` (channel ${channel ?? 1})` : ''}. Restart Packroom to open it.\n`,
      );
    } else if (sub === 'unassign') {
      const r = role(positionals[0]);
      await core.devices.unassign(cliActor, r);
      out.write(`The door ${r} is no longer assigned.\n`);
    } else {
      const overview = await core.devices.overview();
      if (overview.problem && overview.devices.length === 0) out.write(`${messageText(overview.problem)}\n`);
      for (const d of overview.devices) {
        const name = [d.manufacturer, d.product].filter(Boolean).join(' ') || '(no name)';
        const role = d.assignedRole ? `door ${d.assignedRole}` : '-';
        out.write(`${d.vidPid}\t${d.serialNumber ?? '-'}\t${d.kind}\t${role}\t${name}\t${d.path}\n`);
        if (d.blocked) out.write(`\t${messageText(d.blocked)}\n`);
      }
      for (const a of overview.assignments) {
        out.write(`assigned: door ${a.role} = ${a.selector}${a.channel ? ` (channel ${a.channel})` : ''}\n`);
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(error.message);
    throw error;
  } finally {
    await core.close();
  }
}
