import { describe, expect, it } from 'vitest';
import { openInvitation, sealInvitation, usedMark, WrongCodeError, type Invitation } from '../../../src/sync/invite';

const dataKey = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256));
const invitation: Invitation = {
  v: 1,
  site: 'oak',
  nodes: [{ node: 'desk', uid: 'a'.repeat(32) }],
  dataKey: dataKey.toString('base64'),
  expiresAt: 1_800_000_000_000,
  streamSeq: 42,
};
const secret = new Uint8Array(16).fill(3);

describe('the sealed invitation', () => {
  it('does not hold the data key in any readable form, and opens with its code only', async () => {
    const blob = Buffer.from(await sealInvitation(invitation, 'ABCDEFGH', secret));
    const stored = JSON.parse(blob.toString('utf8')) as { sealed: string };
    // Only what opening needs is in the clear: the version, the key derivation's salt and costs, the nonce.
    expect(Object.keys(stored)).toEqual(['v', 'kdf', 'nonce', 'sealed']);
    for (const form of [dataKey.toString('base64'), dataKey.toString('hex'), dataKey.toString('base64url')]) {
      expect(blob.toString('utf8')).not.toContain(form);
    }
    const sealed = Buffer.from(stored.sealed, 'base64');
    expect(sealed.includes(dataKey)).toBe(false);
    expect(sealed.includes(Buffer.from('"site":"oak"'))).toBe(false);

    expect(await openInvitation(blob, 'ABCDEFGH', secret)).toEqual({ invitation });
    const wrong = Uint8Array.from(secret);
    wrong[15] = 4;
    await expect(openInvitation(blob, 'ABCDEFGH', wrong)).rejects.toThrow(WrongCodeError);
    // Bound to its id: the same bytes stored under another id do not open.
    await expect(openInvitation(blob, 'ABCDEFGJ', secret)).rejects.toThrow(WrongCodeError);
  });

  it('says a used invitation is used, and refuses bytes that are no invitation', async () => {
    expect(await openInvitation(usedMark('door', 5), 'ABCDEFGH', secret)).toEqual({ used: { node: 'door', at: 5 } });
    await expect(openInvitation(Buffer.from('not json'), 'ABCDEFGH', secret)).rejects.toThrow(WrongCodeError);
    const greedy = JSON.parse(Buffer.from(await sealInvitation(invitation, 'ABCDEFGH', secret)).toString()) as { kdf: { N: number } };
    greedy.kdf.N = 2 ** 24;
    await expect(openInvitation(Buffer.from(JSON.stringify(greedy)), 'ABCDEFGH', secret)).rejects.toThrow(WrongCodeError);
  });
});
