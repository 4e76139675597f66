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
 * `now` measures the turn; a test passes its own, since on a loaded machine any turn can be held up.
 */
export async function yieldToDoor(now: () => number = () => performance.now()): Promise<void> {
  const asked = now();
  await setImmediate();
  if (now() - asked > busyTurnMs) await setImmediate();
}
