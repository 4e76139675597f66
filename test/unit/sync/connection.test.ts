import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncAddress } from '../../../src/cli/syncOptions';
import { DataKeys } from '../../../src/secrets';
import { overrideAuth, SyncAuthFile, syncAuthFileName } from '../../../src/sync/connection';
import { tempDir } from '../../helpers/core';

describe('the sync auth', () => {
  it('splits a user and password off the address, so only the address is saved and logged', () => {
    expect(syncAddress('nats://desk:p%40ss@10.0.0.5:4222')).toEqual({
      url: 'nats://10.0.0.5:4222',
      auth: { user: 'desk', password: 'p@ss' },
    });
    expect(syncAddress('tls://nats.example.org:4222')).toEqual({ url: 'tls://nats.example.org:4222', auth: {} });
  });

  it("replaces the saved identity or TLS files as a whole with a run's own, never mixing them", () => {
    const saved = { user: 'desk', password: 'old', caFile: '/etc/packroom/ca.pem', certFile: '/c.pem', keyFile: '/k.pem' };
    expect(overrideAuth(saved, { nkeySeedFile: '/desk.nk' })).toEqual({
      nkeySeedFile: '/desk.nk',
      caFile: '/etc/packroom/ca.pem',
      certFile: '/c.pem',
      keyFile: '/k.pem',
    });
    expect(overrideAuth(saved, { caFile: '/new-ca.pem' })).toEqual({ user: 'desk', password: 'old', caFile: '/new-ca.pem' });
    expect(overrideAuth(saved, {})).toEqual(saved);
  });

  it('is kept sealed with the data key, opens only with it, and is removed when there is none', () => {
    const dir = tempDir();
    const keys = new DataKeys(Buffer.alloc(32, 3));
    const file = new SyncAuthFile(dir, keys);
    expect(file.load()).toEqual({});
    file.save({ user: 'desk', password: 'hunter2-desk' });
    expect(readFileSync(join(dir, syncAuthFileName), 'utf8')).not.toContain('hunter2');
    expect(file.load()).toEqual({ user: 'desk', password: 'hunter2-desk' });
    expect(() => new SyncAuthFile(dir, new DataKeys(Buffer.alloc(32, 4))).load()).toThrow();
    file.save({});
    expect(file.load()).toEqual({});
  });
});
