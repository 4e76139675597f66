import type { z } from 'zod';
import { password as passwordSchema, role as roleSchema, username as usernameSchema } from '../../contract/auth';
import { ApiError } from '../../contract';
import { resolveDataDir } from '../../paths';
import { cliActor } from '../../services/audit/service';
import { validationError } from '../../services/dispatch';
import type { CliHost } from '../host';
import { parse, UsageError } from '../args';
import { readPassword } from '../readPassword';

export const userUsage = `packroom user add USERNAME --role admin|staff [--name "Display Name"] [--data DIR]
      Creates a staff account; the password is read from stdin (the first line).
  packroom user passwd USERNAME [--data DIR]
      Sets a new password for a staff account, read from stdin (the first line); their open sessions end.
  packroom user list [--data DIR]`;

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${what}: ${validationError(result.error).message}`);
  return result.data;
}

export async function userCommand(args: string[], out: NodeJS.WritableStream, host: CliHost): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const { values, positionals } = parse(rest, { role: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' } }, 1);
    if (!positionals[0]) throw new UsageError('user add needs a USERNAME');
    if (!values.role) throw new UsageError('user add needs --role admin or --role staff');
    const username = check(usernameSchema, positionals[0], 'USERNAME');
    const role = check(roleSchema, values.role, '--role');
    const password = check(passwordSchema, await readPassword(`Password for ${username}: `), 'password');
    const core = host.openCore(resolveDataDir(values.data));
    try {
      const account = await core.auth.createStaff(cliActor, { username, role, password, displayName: values.name?.trim() || username });
      out.write(`Created ${account.role} account "${account.username}".\n`);
    } catch (error) {
      if (error instanceof ApiError) throw new UsageError(error.message);
      throw error;
    } finally {
      await core.close();
    }
    return 0;
  }
  if (sub === 'passwd') {
    const { values, positionals } = parse(rest, { data: { type: 'string' } }, 1);
    if (!positionals[0]) throw new UsageError('user passwd needs a USERNAME');
    const username = check(usernameSchema, positionals[0], 'USERNAME');
    const password = check(passwordSchema, await readPassword(`New password for ${username}: `), 'password');
    const core = host.openCore(resolveDataDir(values.data));
    try {
      const account = await core.auth.setPassword(cliActor, username, password);
      out.write(`Changed the password of "${account.username}".\n`);
    } catch (error) {
      if (error instanceof ApiError) throw new UsageError(error.message);
      throw error;
    } finally {
      await core.close();
    }
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { data: { type: 'string' } }, 0);
    const core = host.openCore(resolveDataDir(values.data));
    try {
      for (const s of core.auth.listStaff()) {
        out.write(`${s.username}\t${s.role}\t${s.active ? 'active' : 'inactive'}\t${s.displayName}\n`);
      }
    } finally {
      await core.close();
    }
    return 0;
  }
  throw new UsageError(sub ? `unknown user command "${sub}"` : 'user needs a command: add, passwd or list');
}
