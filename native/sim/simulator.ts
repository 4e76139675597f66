/**
 * The simulated door: a keypad, a keyboard-mode QR reader and a USB HID relay board on a fake
 * node-hid bus. The app opens them through the same DeviceManager, decoders and relay driver as
 * real hardware; only the bus is pretend.
 */
import type { DeviceRole } from '../devices/manager';
import { EmulatedKeypad, FakeNodeHid } from './fakeNodeHid';
import { SimulatedRelayBoard } from './relayBoard';

export interface Simulator {
  hid: FakeNodeHid;
  keypad: EmulatedKeypad;
  reader: EmulatedKeypad;
  relayBoard: SimulatedRelayBoard;
  relayChannel: number;
  /** The simulated devices' paths, as the door's default assignments in sim mode. */
  assignments: { role: DeviceRole; label: string; channel?: number }[];
}

export function createSimulator(now: () => number): Simulator {
  const hid = new FakeNodeHid();
  const keypad = new EmulatedKeypad();
  const reader = new EmulatedKeypad({
    keypad: false,
    info: { productId: 0x0002, product: 'Simulated QR reader', serialNumber: 'SIM-READER' },
  });
  const relayBoard = new SimulatedRelayBoard({ boardId: 'SIM01', channels: 2, now });
  const relayChannel = 1;
  return {
    hid,
    keypad,
    reader,
    relayBoard,
    relayChannel,
    assignments: [
      { role: 'keypad', label: hid.attach(keypad, 'sim:keypad') },
      { role: 'reader', label: hid.attach(reader, 'sim:reader') },
      { role: 'relay', label: hid.attach(relayBoard, 'sim:relay'), channel: relayChannel },
    ],
  };
}
