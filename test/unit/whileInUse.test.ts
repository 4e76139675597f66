import { describe, expect, it } from 'vitest';
import { WhileInUse } from '../../src/threads';

describe('WhileInUse', () => {
  it('sets up once for overlapping work and takes down after the last, even when work fails', async () => {
    const log: string[] = [];
    const use = new WhileInUse(
      () => log.push('up'),
      async () => void log.push('down'),
    );
    let finishFirst!: () => void;
    const first = use.during(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    const second = use.during(async () => {
      throw new Error('import failed');
    });
    await expect(second).rejects.toThrow('import failed');
    expect(log).toEqual(['up']);
    finishFirst();
    await first;
    expect(log).toEqual(['up', 'down']);
    await use.during(async () => undefined);
    expect(log).toEqual(['up', 'down', 'up', 'down']);
  });
});
