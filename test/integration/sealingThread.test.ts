import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataKeys } from '../../src/secrets';
import { SealingThread } from '../../src/services/sealing/thread';
import { testCore } from '../helpers/core';
import { opensDoor, pinOf } from '../helpers/roster';
import { cliActor } from '../../src/services/audit/service';

describe('the sealing thread', () => {
  it('seals distinct PINs and QR codes that open with the data key', async () => {
    const dataKey = randomBytes(32);
    const keys = new DataKeys(dataKey);
    const thread = new SealingThread(dataKey);
    const sealed = await thread.during(() => thread.seal(300));
    expect(sealed).toHaveLength(300);
    const pins = sealed!.map((credential) => keys.open(credential.pinEnc));
    expect(new Set(pins).size).toBe(300);
    sealed!.forEach((credential, i) => {
      expect(pins[i]).toMatch(/^\d{8}$/);
      expect(credential.pinHash.equals(keys.lookupHash('pin', pins[i]!))).toBe(true);
      expect(credential.qrHash.equals(keys.lookupHash('qr', keys.open(credential.qrEnc)))).toBe(true);
    });
  });

  it('answers null when no thread runs, and when its thread cannot start, so the caller seals them itself', async () => {
    expect(await new SealingThread(randomBytes(32)).seal(1)).toBeNull();
    const broken = new SealingThread(Buffer.alloc(3));
    expect(await broken.during(() => broken.seal(1))).toBeNull();
  });

  it('gives an import working PINs', async () => {
    const core = testCore();
    const recipient = core.recipients.create(cliActor, { firstName: 'Ada', lastName: 'Lovelace', unit: '1', email: null, phone: null });
    core.tx.run(() => core.credentials.revokeAll(cliActor, recipient.id));
    const [sealed] = await core.credentials.bulkSealing(() => core.credentials.sealMany(1));
    core.tx.run(() => core.credentials.issueSealed(cliActor, [{ recipient, credential: sealed! }], { notify: false }));
    expect(opensDoor(core, pinOf(core, recipient.id))).toBe(true);
  });
});
