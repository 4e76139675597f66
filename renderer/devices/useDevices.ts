import { useEffect, useState } from 'react';
import type { DeviceOverview, DeviceRole } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

/** Settings → Devices: what is plugged in and which device plays which role, kept current, and the changes. */
export function useDevices() {
  const list = useQuery(() => invoke('devices.list', {}), []);
  const { reload } = list;
  // A door device that comes, goes or fails changes the door's status.
  useEffect(() => on('door.status', reload), [reload]);
  // A change answers with the overview as it now is: that shows until the list is read again.
  const [answer, setAnswer] = useState<{ overview: DeviceOverview; over: DeviceOverview | undefined } | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work();
      setError(null);
      return result;
    } catch (e) {
      setError(e as Error);
      return undefined;
    }
  }
  async function change(work: () => Promise<DeviceOverview>) {
    const next = await run(work);
    if (next) setAnswer({ overview: next, over: list.data });
  }

  return {
    overview: answer && answer.over === list.data ? answer.overview : list.data,
    error: error ?? list.error,
    assign: (role: DeviceRole, selector: string, channel?: number) =>
      change(() => invoke('devices.assign', channel === undefined ? { role, selector } : { role, selector, channel })),
    unassign: (role: DeviceRole) => change(() => invoke('devices.unassign', { role })),
    testRelay: () => run(() => invoke('devices.testRelay', {})),
    /** Waits for a key or a scan from a door device: the device it came from, or null when none came in time. */
    identify: () => invoke('devices.identify', { seconds: 15 }),
    refresh: reload,
  };
}

/**
 * The last keys and scans from the door devices while Settings → Devices identifies one: the core sends them to
 * that screen alone, and only which kind of device each came from, never the key.
 */
export function useKeyEcho(): DeviceRole[] {
  const [keys, setKeys] = useState<DeviceRole[]>([]);
  useEffect(() => on('devices.key', ({ role }) => setKeys((k) => [...k.slice(-23), role])), []);
  return keys;
}
