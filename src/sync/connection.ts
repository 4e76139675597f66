import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DataKeys } from '../secrets';
import { loadNats } from './nats';

/**
 * How this node proves who it is to the site's NATS server, and how it checks the server (docs/install.md,
 * "Several PCs in one building"). At most one identity: a user and password, an NKey seed file, or a creds file
 * (a NATS user JWT with its seed); and TLS: the CA that signed the server's certificate, and this node's own
 * certificate when the server asks for one. Files are named by their paths: the installer keeps them, Packroom
 * reads them at each connection (a renewed certificate or creds file needs no Packroom step).
 */
export const syncAuthSchema = z
  .object({
    user: z.string().min(1).max(200),
    password: z.string().max(1000),
    nkeySeedFile: z.string().min(1),
    credsFile: z.string().min(1),
    caFile: z.string().min(1),
    certFile: z.string().min(1),
    keyFile: z.string().min(1),
  })
  .partial()
  .strict();

export type SyncAuth = z.infer<typeof syncAuthSchema>;

/** The site's NATS server as this node reaches it: the address (saved in the database, written to the log) and its auth. */
export interface SyncConnection {
  url: string;
  auth: SyncAuth;
}

const identityKeys = ['user', 'password', 'nkeySeedFile', 'credsFile'] as const;
const tlsKeys = ['caFile', 'certFile', 'keyFile'] as const;

/**
 * The saved auth with a run's own options on top (`serve --sync-user …`): an identity given replaces the saved
 * identity as a whole, TLS files given replace the saved TLS files, so a run never mixes a saved password with
 * another user or a saved client certificate with another CA.
 */
export function overrideAuth(saved: SyncAuth, run: SyncAuth): SyncAuth {
  const has = (keys: readonly (keyof SyncAuth)[]) => keys.some((key) => run[key] !== undefined);
  const pick = (from: SyncAuth, keys: readonly (keyof SyncAuth)[]) =>
    Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]])) as SyncAuth;
  return { ...pick(has(identityKeys) ? run : saved, identityKeys), ...pick(has(tlsKeys) ? run : saved, tlsKeys) };
}

/** The NATS client's options for `connection` (files read now), without the connection's own timing. */
export async function natsOptions(connection: SyncConnection) {
  const { transport } = await loadNats();
  const { auth } = connection;
  const read = (file: string) => readFileSync(file);
  const authenticator =
    auth.credsFile !== undefined
      ? transport.credsAuthenticator(read(auth.credsFile))
      : auth.nkeySeedFile !== undefined
        ? transport.nkeyAuthenticator(new TextEncoder().encode(read(auth.nkeySeedFile).toString('utf8').trim()))
        : auth.user !== undefined
          ? transport.usernamePasswordAuthenticator(auth.user, auth.password ?? '')
          : undefined;
  const tls =
    auth.caFile !== undefined || auth.certFile !== undefined
      ? {
          ...(auth.caFile !== undefined && { caFile: auth.caFile }),
          ...(auth.certFile !== undefined && { certFile: auth.certFile }),
          ...(auth.keyFile !== undefined && { keyFile: auth.keyFile }),
        }
      : undefined;
  return {
    servers: connection.url,
    ...(authenticator && { authenticator }),
    ...(tls && { tls }),
  };
}

/**
 * Why a connection failed, in the installer's words: a refused identity and a certificate problem are said as
 * such (the client's own text follows), never with the password or seed.
 */
export async function connectionProblem(connection: SyncConnection, error: unknown): Promise<string> {
  const { transport } = await loadNats();
  const { url, auth } = connection;
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof transport.AuthorizationError || /authoriz|authentic/i.test(detail)) {
    return `the NATS server at ${url} refused this computer's user, password, NKey or creds (${detail})`;
  }
  if (/certificate|tls|ssl/i.test(detail)) return `the TLS connection to the NATS server at ${url} failed (${detail})`;
  // A server that wants a client certificate and gets none drops the handshake: the client sees only a timeout.
  const hint =
    auth.caFile !== undefined && auth.certFile === undefined
      ? "; if the server asks for this computer's certificate, give --sync-cert and --sync-key"
      : '';
  return `cannot reach the NATS server at ${url} (${detail})${hint}`;
}

export const syncAuthFileName = 'sync-auth.enc';

/**
 * The sync auth of one data folder, out of the database: a file beside the data key, sealed with it
 * (AES-256-GCM, DataKeys.seal) and readable by its owner only. A copy of the database or of a backup holds no
 * NATS password; the desktop app's file opens only with the key the OS keychain keeps. Paths in it are not
 * secrets (the files they name are the installer's), but travel sealed with the rest.
 */
export class SyncAuthFile {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly keys: DataKeys,
  ) {
    this.file = join(dataDir, syncAuthFileName);
  }

  /** Nothing saved: no auth (a server on loopback without it, as in the tests). */
  load(): SyncAuth {
    if (!existsSync(this.file)) return {};
    const sealed = Buffer.from(readFileSync(this.file, 'utf8').trim(), 'base64');
    return syncAuthSchema.parse(JSON.parse(this.keys.open(sealed)));
  }

  save(auth: SyncAuth): void {
    if (Object.keys(auth).length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    // A new file then a rename: a crash leaves the old auth or the new, never half of one.
    const next = `${this.file}.new`;
    writeFileSync(next, this.keys.seal(JSON.stringify(syncAuthSchema.parse(auth))).toString('base64') + '\n', { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(next, 0o600);
    renameSync(next, this.file);
  }
}
