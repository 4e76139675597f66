import type { Bucket, DeviceThrottle, ThrottleState } from '../../domain/throttle';
import type { Db } from '../open';

interface RawDevice {
  device: string;
  failures: number;
  last_failure_at: number;
  locked_until: number;
}

/** The keypad throttle and the Single Access PIN Request counters, so a restart does not reset them. */
export class DoorStateRepository {
  // Prepared once: a wrong PIN writes its device row and the bucket beside its audit row.
  private readonly saveDeviceStmt;
  private readonly deleteDeviceStmt;
  private readonly saveBucketStmt;
  private readonly addRequestStmt;
  private readonly pruneRequestsStmt;

  constructor(private readonly db: Db) {
    this.saveDeviceStmt = db.prepare(
      `INSERT INTO door_throttle_devices (device, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (device) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
         locked_until = excluded.locked_until`,
    );
    this.deleteDeviceStmt = db.prepare('DELETE FROM door_throttle_devices WHERE device = ?');
    this.saveBucketStmt = db.prepare(
      'INSERT INTO door_throttle_bucket (id, tokens, at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET tokens = excluded.tokens, at = excluded.at',
    );
    this.addRequestStmt = db.prepare('INSERT INTO door_pin_requests (key, at) VALUES (?, ?)');
    this.pruneRequestsStmt = db.prepare('DELETE FROM door_pin_requests WHERE at <= ?');
  }

  /** The saved throttle, or null on a database that never saw a wrong code. */
  loadThrottle(): Pick<ThrottleState, 'devices'> & { bucket: Bucket | null } {
    const devices = new Map<string, DeviceThrottle>();
    for (const r of this.db.prepare('SELECT * FROM door_throttle_devices').all() as RawDevice[]) {
      devices.set(r.device, { failures: r.failures, lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until });
    }
    const bucket = this.db.prepare('SELECT tokens, at FROM door_throttle_bucket WHERE id = 1').get() as Bucket | undefined;
    return { devices, bucket: bucket ?? null };
  }

  /** One device's state after an attempt; null when it has nothing to remember (a success). */
  saveDevice(device: string, state: DeviceThrottle | null): void {
    if (state) this.saveDeviceStmt.run(device, state.failures, state.lastFailureAt, state.lockedUntil);
    else this.deleteDeviceStmt.run(device);
  }

  saveBucket(bucket: Bucket): void {
    this.saveBucketStmt.run(bucket.tokens, bucket.at);
  }

  /** Replaces the whole throttle (a staff reset). */
  replaceThrottle(state: ThrottleState): void {
    this.db.prepare('DELETE FROM door_throttle_devices').run();
    for (const [device, s] of state.devices) this.saveDevice(device, s);
    this.saveBucket(state.bucket);
  }

  /** Allowed requests younger than `since`, as (key, time) pairs, oldest first. */
  loadPinRequests(since: number): { key: Buffer; at: number }[] {
    return this.db.prepare('SELECT key, at FROM door_pin_requests WHERE at > ? ORDER BY at').all(since) as { key: Buffer; at: number }[];
  }

  /** Records allowed requests and forgets those at or before `forgetBefore`, which no limit looks at any more. */
  addPinRequests(keys: readonly Buffer[], at: number, forgetBefore: number): void {
    for (const key of keys) this.addRequestStmt.run(key, at);
    this.pruneRequestsStmt.run(forgetBefore);
  }
}
