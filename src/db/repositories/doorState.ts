import type { Bucket, DeviceThrottle, ThrottleState } from '../../domain/throttle';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

const devicesSql = `SELECT ${columns('door_throttle_devices')} FROM door_throttle_devices`;

/** The keypad throttle and the Single Access PIN Request counters, so a restart does not reset them. */
export class DoorStateRepository {
  private readonly sql: Statements;
  // Prepared up front: a wrong PIN writes its device row and the bucket beside its audit row.
  private readonly saveDeviceStmt;
  private readonly deleteDeviceStmt;
  private readonly saveBucketStmt;
  private readonly addRequestStmt;
  private readonly pruneRequestsStmt;

  constructor(db: Db) {
    this.sql = statements(db);
    this.saveDeviceStmt = this.sql<[string, number, number, number]>(
      `INSERT INTO door_throttle_devices (device, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (device) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
         locked_until = excluded.locked_until`,
    );
    this.deleteDeviceStmt = this.sql<[string]>('DELETE FROM door_throttle_devices WHERE device = ?');
    this.saveBucketStmt = this.sql<[number, number]>(
      'INSERT INTO door_throttle_bucket (id, tokens, at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET tokens = excluded.tokens, at = excluded.at',
    );
    this.addRequestStmt = this.sql<[Buffer, number]>('INSERT INTO door_pin_requests (key, at) VALUES (?, ?)');
    this.pruneRequestsStmt = this.sql<[number]>('DELETE FROM door_pin_requests WHERE at <= ?');
  }

  /** The saved throttle, or null on a database that never saw a wrong code. */
  loadThrottle(): Pick<ThrottleState, 'devices'> & { bucket: Bucket | null } {
    const devices = new Map<string, DeviceThrottle>();
    for (const r of this.sql<[], Row<'door_throttle_devices'>>(devicesSql).all()) {
      devices.set(r.device, { failures: r.failures, lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until });
    }
    const bucket = this.sql<[], Pick<Row<'door_throttle_bucket'>, 'tokens' | 'at'>>(
      'SELECT tokens, at FROM door_throttle_bucket WHERE id = 1',
    ).get();
    return { devices, bucket: bucket ? { tokens: bucket.tokens, at: bucket.at } : null };
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
    this.sql('DELETE FROM door_throttle_devices').run();
    for (const [device, s] of state.devices) this.saveDevice(device, s);
    this.saveBucket(state.bucket);
  }

  /** Allowed requests younger than `since`, as (key, time) pairs, oldest first. */
  loadPinRequests(since: number): { key: Buffer; at: number }[] {
    return this.sql<[number], Row<'door_pin_requests'>>('SELECT key, at FROM door_pin_requests WHERE at > ? ORDER BY at').all(since);
  }

  /** Records allowed requests and forgets those at or before `forgetBefore`, which no limit looks at any more. */
  addPinRequests(keys: readonly Buffer[], at: number, forgetBefore: number): void {
    for (const key of keys) this.addRequestStmt.run(key, at);
    this.pruneRequestsStmt.run(forgetBefore);
  }
}
