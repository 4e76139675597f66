import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';

// A turn of the event loop that took longer than this ran something heavy besides the work that yielded: a
// garbage collection, a door decision, a request.
const busyTurnMs = 2;

/**
 * The break that long work on the door's thread (an import, a preview made without its thread) takes
 * between two slices: the next turn of the event loop, and one more when this one was held up.
 * setImmediate resumes before the next turn's timers and I/O, so without the second wait a key that came
 * in during a garbage collection would wait for the collection and then for the next slice too.
 */
export async function yieldToDoor(): Promise<void> {
  const asked = performance.now();
  await setImmediate();
  if (performance.now() - asked > busyTurnMs) await setImmediate();
}
