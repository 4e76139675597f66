import { ApiError, carrierIds, carrierLabels, type CarrierCode, type CarrierId } from '../../contract';
import { carrierCodeAddInput } from '../../contract/carriers';
import type { Core } from '../../core';
import type { CliHost } from '../host';
import { formatDays, parseDays } from '../../domain/carrierWindow';
import { resolveDataDir } from '../../paths';
import { cliActor } from '../../services/audit/service';
import { validationError } from '../../services/dispatch';
import { parse, UsageError } from '../args';

export const carrierUsage = `packroom carrier add UPS|FedEx|USPS|Amazon|DHL|Other --days mon-sat --from 08:00 --until 20:00
        [--until-date YYYY-MM-DD] [--name NAME] [--data DIR]
      Prints a new door code for the carrier that works only then (local time; --until before --from
      crosses midnight). --name names an Other carrier.
  packroom carrier list [--data DIR]
  packroom carrier revoke ID [--data DIR]`;

const flagOf: Record<string, string> = {
  carrier: 'CARRIER',
  name: '--name',
  days: '--days',
  from: '--from',
  until: '--until',
  untilDate: '--until-date',
};

function carrierId(text: string | undefined): CarrierId {
  if (!text) throw new UsageError('carrier add needs a CARRIER: UPS, FedEx, USPS, Amazon, DHL or Other');
  const id = carrierIds.find((c) => c === text.toLowerCase() || carrierLabels[c].toLowerCase() === text.toLowerCase());
  if (!id) throw new UsageError(`CARRIER must be UPS, FedEx, USPS, Amazon, DHL or Other (with --name), not "${text}"`);
  return id;
}

const hours = (c: CarrierCode) => `${formatDays(c.days)} ${c.from}-${c.until}`;

export async function carrierCommand(args: string[], out: NodeJS.WritableStream, host: CliHost): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['add', 'list', 'revoke'].includes(sub)) {
    throw new UsageError(sub ? `unknown carrier command "${sub}"` : 'carrier needs a command: add, list or revoke');
  }
  const { values, positionals } = parse(
    rest,
    {
      data: { type: 'string' },
      ...(sub === 'add'
        ? {
            days: { type: 'string' },
            from: { type: 'string' },
            until: { type: 'string' },
            'until-date': { type: 'string' },
            name: { type: 'string' },
          }
        : {}),
    },
    sub === 'list' ? 0 : 1,
  );
  const flag = (name: string) => (values as Record<string, string | undefined>)[name];

  if (sub === 'add') {
    const carrier = carrierId(positionals[0]);
    if (flag('name') !== undefined && carrier !== 'other') throw new UsageError('--name is only for an Other carrier');
    for (const required of ['days', 'from', 'until']) {
      if (flag(required) === undefined)
        throw new UsageError(`carrier add needs --${required} (e.g. --days mon-sat --from 08:00 --until 20:00)`);
    }
    const days = parseDays(flag('days')!);
    if (!days.ok) throw new UsageError(`--days: ${days.message}`);
    const input = carrierCodeAddInput.safeParse({
      carrier,
      name: flag('name'),
      days: days.days,
      from: flag('from'),
      until: flag('until'),
      untilDate: flag('until-date'),
    });
    if (!input.success) {
      const refused = validationError(input.error);
      throw new UsageError(`${flagOf[refused.field?.split('.')[0] ?? ''] ?? 'carrier add'}: ${refused.message}`);
    }
    return withCore(host, flag('data'), (core) => {
      const { carrierCode: c, code } = core.carrierCodes.add(cliActor, input.data);
      out.write(`Carrier code for ${c.name} (id ${c.id}): ${code}\n`);
      out.write(
        `It opens the door ${hours(c)}, this computer's local time${c.untilDate ? `, until ${c.untilDate}` : ''}. ` +
          'Look it up later in Settings → Carrier access.\n',
      );
    });
  }
  if (sub === 'revoke') {
    const text = positionals[0];
    if (!text) throw new UsageError('carrier revoke needs the ID shown by "packroom carrier list"');
    if (!/^[1-9]\d{0,15}$/.test(text)) throw new UsageError(`ID must be a number from "packroom carrier list", not "${text}"`);
    return withCore(host, flag('data'), (core) => {
      const c = core.carrierCodes.revoke(cliActor, Number(text));
      out.write(`Revoked the carrier code for ${c.name} (id ${c.id}); it no longer opens the door.\n`);
    });
  }
  return withCore(host, flag('data'), (core) => {
    const codes = core.carrierCodes.list();
    if (codes.length === 0) out.write('No carrier codes. Add one with "packroom carrier add".\n');
    for (const c of codes) out.write(`${c.id}\t${c.name}\t${hours(c)}\t${c.untilDate ? `until ${c.untilDate}` : 'no end date'}\n`);
  });
}

async function withCore(host: CliHost, data: string | undefined, work: (core: Core) => void): Promise<number> {
  const core = host.openCore(resolveDataDir(data));
  try {
    work(core);
    return 0;
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(error.message);
    throw error;
  } finally {
    await core.close();
  }
}
