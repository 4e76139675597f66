import { DeviceManager, type Assignment, type HidModule } from '../../native/devices/manager';
import type { Core } from '../core';
import { log } from '../log';

/** Connects the door's devices to the core's door controller; returns a function that disconnects them. */
export async function connectDevices(core: Core, hid: HidModule, assignments: Assignment[]): Promise<() => Promise<void>> {
  const manager = new DeviceManager(hid, assignments, {
    key: (role, key) => (role === 'keypad' ? core.door.keypadKey(role, key) : core.door.readerKey(role, key)),
    relay: (driver, channel) => core.door.setRelay(driver, channel),
    changed: () => core.door.setDeviceSource(() => manager.status()),
    debug: (message) => {
      if (process.env.PACKROOM_DEBUG) log.info(message);
    },
  });
  core.door.setDeviceSource(() => manager.status());
  await manager.start();
  return () => manager.stop();
}
