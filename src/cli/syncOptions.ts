import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import type { SyncAuth } from '../sync/connection';
import { UsageError } from './args';
import { readPassword } from './readPassword';

/** The options of every command that connects to the site's NATS server (site init, serve; site join). */
export const syncOptions = {
  sync: { type: 'string' },
  'sync-user': { type: 'string' },
  'sync-nkey': { type: 'string' },
  'sync-creds': { type: 'string' },
  'sync-ca': { type: 'string' },
  'sync-cert': { type: 'string' },
  'sync-key': { type: 'string' },
} as const;

export const syncOptionsUsage = `--sync nats://HOST:4222 (or tls://, or nats://USER:PASSWORD@HOST:4222)
      The site's NATS server. Proving who this computer is, at most one of: --sync-user NAME (the password is read
      from stdin, or asked for), a user and password in the address, --sync-nkey FILE (an NKey seed),
      --sync-creds FILE (a NATS .creds file). TLS: --sync-ca FILE (the CA of the server's certificate), and
      --sync-cert FILE --sync-key FILE when the server asks for this computer's certificate.`;

type SyncValues = { [K in keyof typeof syncOptions]?: string | undefined };

/**
 * A NATS server address as the client takes it, nats:// (or tls://) host and port, and the user and password it
 * carries, split off: the address alone is saved in the database and written to the log, where a password must
 * not be.
 */
export function syncAddress(value: string, option = '--sync'): { url: string; auth: SyncAuth } {
  const match = /^(nats|tls):\/\/(?:([^\s/@:]+):([^\s/@]*)@)?([^\s/@]+)$/.exec(value);
  if (!match) throw new UsageError(`${option} must be a NATS server address like nats://10.0.0.5:4222, not "${value}"`);
  const [, scheme, user, password, host] = match;
  const url = `${scheme}://${host}`;
  if (user === undefined) return { url, auth: {} };
  return { url, auth: { user: decodeURIComponent(user), password: decodeURIComponent(password!) } };
}

function readableFile(option: string, value: string): string {
  const path = resolve(value);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new UsageError(`--${option}: cannot read the file ${path}`);
  }
  // Absolute: the service that runs Packroom later may start in another folder.
  return path;
}

/**
 * The address and auth the options give; `url` undefined when --sync is absent. A password for --sync-user is
 * read only when there is no other mistake in the arguments.
 */
export async function syncConnectionOptions(values: SyncValues): Promise<{ url: string | undefined; auth: SyncAuth }> {
  const address = values.sync === undefined ? undefined : syncAddress(values.sync);
  const identities = [address?.auth.user !== undefined, values['sync-user'], values['sync-nkey'], values['sync-creds']].filter(Boolean);
  if (identities.length > 1) {
    throw new UsageError('give one of --sync-user, a user in the --sync address, --sync-nkey and --sync-creds, not several');
  }
  if ((values['sync-cert'] === undefined) !== (values['sync-key'] === undefined)) {
    throw new UsageError('--sync-cert and --sync-key go together');
  }
  const files: SyncAuth = {};
  if (values['sync-nkey'] !== undefined) files.nkeySeedFile = readableFile('sync-nkey', values['sync-nkey']);
  if (values['sync-creds'] !== undefined) files.credsFile = readableFile('sync-creds', values['sync-creds']);
  if (values['sync-ca'] !== undefined) files.caFile = readableFile('sync-ca', values['sync-ca']);
  if (values['sync-cert'] !== undefined) files.certFile = readableFile('sync-cert', values['sync-cert']);
  if (values['sync-key'] !== undefined) files.keyFile = readableFile('sync-key', values['sync-key']);
  const user = values['sync-user'];
  if (user !== undefined && !/^[^\s]{1,200}$/.test(user)) throw new UsageError('--sync-user must be one word without spaces');
  const typed = user === undefined ? {} : { user, password: await readPassword(`NATS password for ${user}: `) };
  return { url: address?.url, auth: { ...address?.auth, ...typed, ...files } };
}
