import { describe, expect, it, vi } from 'vitest';
import { Lifecycle } from '../../src/lifecycle';
import { log } from '../../src/log';

describe('Lifecycle', () => {
  it('starts in the order registered and stops in reverse, awaiting each stop, once', async () => {
    const order: string[] = [];
    const parts = new Lifecycle();
    parts.add('database', { stop: () => void order.push('stop database') });
    parts.add('worker', {
      start: () => order.push('start worker'),
      stop: () => new Promise<void>((resolve) => setImmediate(() => (order.push('stop worker'), resolve()))),
    });
    parts.add('schedule', { start: () => order.push('start schedule'), stop: () => void order.push('stop schedule') });
    parts.start();
    expect(order).toEqual(['start worker', 'start schedule']);
    await Promise.all([parts.stop(), parts.stop()]);
    expect(order.slice(2)).toEqual(['stop schedule', 'stop worker', 'stop database']);
  });

  it('logs a stop that fails and still stops the rest', async () => {
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const stopped: string[] = [];
    const parts = new Lifecycle();
    parts.add('database', { stop: () => void stopped.push('database') });
    parts.add('mail', { stop: () => Promise.reject(new Error('stuck')) });
    parts.add('door', {
      stop: () => {
        throw new Error('relay gone');
      },
    });
    await parts.stop();
    expect(stopped).toEqual(['database']);
    expect(errors.mock.calls.map(([text]) => text)).toEqual([
      'Stopping door failed; stopping the rest.',
      'Stopping mail failed; stopping the rest.',
    ]);
    errors.mockRestore();
  });
});
