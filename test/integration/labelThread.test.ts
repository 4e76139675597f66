import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile } from '../../src/paths';
import { enginePaths, LabelReader } from '../../src/services/labels/thread';
import { labelDataFolder } from '../fixtures/labels/dataFolder';
import { tempDir } from '../helpers/core';

describe('LabelReader', () => {
  it('models that cannot be loaded: every read is refused with the reason, nothing runs elsewhere', async () => {
    const data = tempDir();
    await labelDataFolder(data);
    const reader = new LabelReader({
      database: { file: databaseFile(data) },
      paths: { ...enginePaths(), zxingWasm: join(tempDir(), 'missing.wasm') },
    });
    await expect(reader.start()).rejects.toThrow(/missing\.wasm/);
    await expect(reader.read(new Uint8Array([1, 2, 3]))).rejects.toThrow(/missing\.wasm/);
    await reader.stop();
  });

  it('a read still waiting when the reader stops is refused, not left hanging', async () => {
    const data = tempDir();
    await labelDataFolder(data);
    const reader = new LabelReader({ database: { file: databaseFile(data) }, paths: enginePaths() });
    await reader.start();
    const refused = expect(reader.read(new Uint8Array(1000).fill(7))).rejects.toThrow(/stopped/);
    await reader.stop();
    await refused;
  });
});
