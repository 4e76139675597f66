import { describe, expect, it } from 'vitest';
import { yieldToDoor } from '../../../src/services/turns';

const holdThread = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

/**
 * Inside a timer callback (where a key press, or a garbage collection during one, runs), an import slice
 * yields, a key press comes due, and the thread is held; returns what ran first after the break.
 */
function orderAfterHold(heldMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const order: string[] = [];
      void yieldToDoor().then(() => {
        order.push('import');
        if (order.length === 2) resolve(order);
      });
      setTimeout(() => {
        order.push('door');
        if (order.length === 2) resolve(order);
      }, 0);
      holdThread(heldMs);
    }, 0);
  });
}

describe('yieldToDoor', () => {
  it('lets a key press that came in while the thread was held go before the next slice', async () => {
    expect(await orderAfterHold(8)).toEqual(['door', 'import']);
  });

  it('takes a single turn when nothing held the thread up', async () => {
    const order: string[] = [];
    // A turn that took no time, whatever this machine's load did to the real one.
    const slice = yieldToDoor(() => 0).then(() => order.push('import'));
    setImmediate(() => order.push('next turn'));
    await slice;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['import', 'next turn']);
  });
});
