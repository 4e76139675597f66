import { createCipheriv, createDecipheriv, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { syncNamePattern } from '../domain/sync/names';
import { random } from '../random';

/**
 * The invitation a join code opens (docs/architecture.md, "Joining"): what a new node needs, the site's data key
 * first, sealed with AES-256-GCM under a key that scrypt derives from the code's secret. It waits in the NATS
 * server's invitations bucket, where someone with access to NATS alone sees only the sealed bytes: opening them
 * takes the secret, 128 random bits that never cross the network.
 */

const name = z.string().regex(syncNamePattern);
const uid = z.string().regex(/^[0-9a-f]{32}$/);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const invitation = z.object({
  v: z.literal(1),
  site: name,
  /** The node that made the invitation, and every node it knows of: a joiner may not take one of their names. */
  nodes: z.array(z.object({ node: name, uid })).min(1),
  /** The site's data key, 32 bytes in base64. */
  dataKey: base64.refine((s) => Buffer.from(s, 'base64').length === 32),
  /** Sealed inside as well as the bucket's own expiry: a bucket kept longer (or a server clock ahead) cannot stretch it. */
  expiresAt: z.number().int().positive(),
  /** The stream's last sequence when the invitation was made: how much the joiner has to catch up, at least. */
  streamSeq: z.number().int().nonnegative(),
});

export type Invitation = z.infer<typeof invitation>;

// N = 2^15, r = 8: 32 MiB and about a tenth of a second per try, once per join. The secret is 128 random bits, so
// the work factor is a margin, not what keeps the key: nobody guesses 2^128 codes, slow or fast.
const kdf = { N: 2 ** 15, r: 8, p: 1 } as const;

/** What the bucket holds for one invite id: the sealed invitation, or the mark of its use. */
const storedInvite = z.union([
  z.object({
    v: z.literal(1),
    kdf: z.object({ N: z.number().int().positive(), r: z.number().int().positive(), p: z.number().int().positive(), salt: base64 }),
    nonce: base64,
    sealed: base64,
  }),
  z.object({ v: z.literal(1), used: z.object({ node: name, at: z.number().int() }) }),
]);

/** The code does not open the invitation: a wrong code (or a blob not made by Packroom). */
export class WrongCodeError extends Error {}

function deriveKey(secret: Uint8Array, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  // The asynchronous scrypt runs on libuv's pool: a Packroom serving its door keeps deciding meanwhile.
  return new Promise((resolve, reject) => scrypt(secret, salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))));
}

// The invite id is bound to the seal: a sealed invitation copied under another id does not open.
const aad = (id: string) => Buffer.from(`packroom invite v1 ${id}`);

/** The bytes to store under `id`. */
export async function sealInvitation(value: Invitation, id: string, secret: Uint8Array): Promise<Uint8Array> {
  const salt = random.bytes(16);
  const nonce = random.bytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(secret, salt, kdf), nonce);
  cipher.setAAD(aad(id));
  const body = Buffer.concat([cipher.update(JSON.stringify(invitation.parse(value)), 'utf8'), cipher.final()]);
  const stored = {
    v: 1,
    kdf: { ...kdf, salt: salt.toString('base64') },
    nonce: nonce.toString('base64'),
    sealed: Buffer.concat([cipher.getAuthTag(), body]).toString('base64'),
  };
  return Buffer.from(JSON.stringify(stored));
}

/** The mark that replaces a used invitation (the one-time part: see InviteBucket.consume). */
export const usedMark = (node: string, at: number): Uint8Array => Buffer.from(JSON.stringify({ v: 1, used: { node, at } }));

export type OpenedInvite = { used: { node: string; at: number } } | { invitation: Invitation };

/** What the bucket's bytes under `id` say, opened with `secret`; WrongCodeError when they do not open. */
export async function openInvitation(bytes: Uint8Array, id: string, secret: Uint8Array): Promise<OpenedInvite> {
  let stored: z.infer<typeof storedInvite>;
  try {
    stored = storedInvite.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch {
    throw new WrongCodeError('not an invitation');
  }
  if ('used' in stored) return { used: stored.used };
  const sealed = Buffer.from(stored.sealed, 'base64');
  const { salt, ...params } = stored.kdf;
  // A blob asking for more than this memory is not one Packroom made; refused before scrypt allocates it.
  if (params.N * params.r > kdf.N * kdf.r * 4 || params.p > 4) throw new WrongCodeError('unexpected key derivation');
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      await deriveKey(secret, Buffer.from(salt, 'base64'), params),
      Buffer.from(stored.nonce, 'base64'),
    );
    decipher.setAAD(aad(id));
    decipher.setAuthTag(sealed.subarray(0, 16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]);
    return { invitation: invitation.parse(JSON.parse(plain.toString('utf8'))) };
  } catch {
    throw new WrongCodeError('the code does not open this invitation');
  }
}
