/**
 * Single use across doors (issue 20): a Single Access PIN used at node A's door, refused at node B's. Each sample
 * issues a PIN at A and waits until B has it (not measured), then uses it at A's door (the door's own decision) and
 * measures until B has applied the use, from which moment B's door refuses it: A's decision and its trigger, the
 * publisher (woken by `access.changed`), JetStream, B's consumer and its applying transaction.
 */
import { performance } from 'node:perf_hooks';
import type { Core } from '../src/core';
import { systemActor } from '../src/services/audit/service';

const statusAt = (core: Core, uid: string) =>
  core.db.prepare('SELECT status FROM access_keys WHERE uid = ?').pluck().get(uid) as string | undefined;

/** Resolves once `check` holds at `core`, looked at after each `access.changed` there. */
function accessWhen(core: Core, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = core.events.on('access.changed', () => {
      if (!check()) return;
      off();
      resolve();
    });
  });
}

/** The window of `samples` uses (ms), after `warmUp` unmeasured ones. */
export async function singleUseWindow(a: Core, b: Core, samples: number, warmUp: number): Promise<number[]> {
  const holder = a.recipients.create(systemActor, { firstName: 'Bench', lastName: 'Single', unit: 'S1', email: 'bench@example.org' });
  const times: number[] = [];
  for (let i = 0; i < warmUp + samples; i++) {
    const expiresAt = new Date(a.clock.now() + 3_600_000).toISOString();
    const issued = a.credentials.sendSingleAccessPin(systemActor, { recipientId: holder.id, notifyVia: 'email', expiresAt });
    const uid = a.db.prepare('SELECT uid FROM access_keys WHERE id = ?').pluck().get(issued.id) as string;
    await accessWhen(b, () => statusAt(b, uid) === 'active');
    const refused = accessWhen(b, () => statusAt(b, uid) === 'used');
    const started = performance.now();
    if (a.access.decide({ via: 'pin', secret: issued.pin, device: 'keypad' }).result !== 'granted')
      throw new Error('the PIN did not open A');
    await refused;
    if (i >= warmUp) times.push(performance.now() - started);
  }
  return times;
}
