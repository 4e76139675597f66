import { describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/core';
import { log } from '../../src/log';
import { tempDir } from '../helpers/core';

describe("the core's lifecycle", () => {
  it('closes the database and switches the relay off even when stopping the mail lanes fails', async () => {
    const core = createCore({ dataDir: tempDir(), env: {} });
    core.start();
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    vi.spyOn(core.notifications, 'stop').mockRejectedValue(new Error('mail server stuck'));
    const relayOff = vi.spyOn(core.door, 'shutdown');
    await core.close();
    expect(relayOff).toHaveBeenCalled();
    expect(core.db.open).toBe(false);
    expect(errors).toHaveBeenCalledWith('Stopping notifications failed; stopping the rest.', expect.any(Error));
    errors.mockRestore();
  });
});
