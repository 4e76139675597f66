import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyDeviceError } from '../../../native/devices/errors';
import { openLcusRelay, openSerialLink } from '../../../native/relay/serialPortAdapter';
import { lcusFrame, SerialRelayDriver, type SerialLink } from '../../../native/relay/serialRelay';
import { RelayError } from '../../../native/relay/types';
import { toHex } from './bytes';

/** Records what the driver puts on the wire. */
class RecordingLink implements SerialLink {
  readonly written: string[] = [];
  failWrites = false;
  closed = 0;

  async write(data: Buffer): Promise<void> {
    if (this.failWrites) throw new Error('EIO: i/o error, write');
    this.written.push(toHex(data));
  }

  async close(): Promise<void> {
    this.closed++;
  }
}

describe('lcusFrame', () => {
  it('builds A0 channel op checksum frames for channels 1-4', () => {
    const frames = [1, 2, 3, 4].flatMap((channel) => [toHex(lcusFrame(channel, true)), toHex(lcusFrame(channel, false))]);
    expect(frames).toEqual([
      'a0 01 01 a2',
      'a0 01 00 a1',
      'a0 02 01 a3',
      'a0 02 00 a2',
      'a0 03 01 a4',
      'a0 03 00 a3',
      'a0 04 01 a5',
      'a0 04 00 a4',
    ]);
  });

  it('refuses channels outside 1..8', () => {
    for (const channel of [0, 9, 2.5]) expect(() => lcusFrame(channel, true)).toThrow(RangeError);
  });
});

describe('SerialRelayDriver', () => {
  it('writes one frame per command and reports the commanded states, all off at start', async () => {
    const link = new RecordingLink();
    const driver = new SerialRelayDriver(link, { id: 'lcus:test', channels: 4 });
    expect(await driver.state()).toEqual([false, false, false, false]);
    await driver.set(2, true);
    await driver.set(4, true);
    await driver.set(2, false);
    expect(link.written).toEqual(['a0 02 01 a3', 'a0 04 01 a5', 'a0 02 00 a2']);
    expect(await driver.state()).toEqual([false, false, false, true]);
  });

  it('throws RelayError on a failed write and keeps the last confirmed command as state', async () => {
    const link = new RecordingLink();
    const driver = new SerialRelayDriver(link, { id: 'lcus:test', channels: 1 });
    link.failWrites = true;
    const error = await driver.set(1, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelayError);
    expect((error as RelayError).message).toBe('lcus:test: switching channel 1 ON failed: Error: EIO: i/o error, write');
    expect(await driver.state()).toEqual([false]);
  });

  it('refuses channels the board does not have and work after close', async () => {
    const link = new RecordingLink();
    const driver = new SerialRelayDriver(link, { id: 'lcus:test', channels: 2 });
    await expect(driver.set(3, true)).rejects.toThrow('lcus:test: channel 3 is not 1..2');
    await driver.close();
    await driver.close();
    expect(link.closed).toBe(1);
    await expect(driver.set(1, true)).rejects.toThrow(/driver is closed/);
    expect(link.written).toEqual([]);
  });

  it('refuses impossible channel counts', () => {
    expect(() => new SerialRelayDriver(new RecordingLink(), { id: 'x', channels: 0 })).toThrow(RelayError);
    expect(() => new SerialRelayDriver(new RecordingLink(), { id: 'x', channels: 16 })).toThrow(RelayError);
  });
});

describe('serial port adapter', () => {
  afterEach(() => SerialPortMock.binding.reset());

  it('opens the port, writes frames to the wire and closes it', async () => {
    SerialPortMock.binding.createPort('/dev/ttyUSB0', { record: true });
    const port = new SerialPortMock({ path: '/dev/ttyUSB0', baudRate: 9600, autoOpen: false });
    const driver = new SerialRelayDriver(await openSerialLink(port), { id: 'lcus:/dev/ttyUSB0', channels: 2 });
    await driver.set(1, true);
    await driver.set(2, false);
    expect(toHex(port.port?.recording ?? [])).toBe('a0 01 01 a2 a0 02 00 a2');
    await driver.close();
    expect(port.isOpen).toBe(false);
  });

  it('survives an error event from the port and reports the loss on the next state read, as a disconnect', async () => {
    SerialPortMock.binding.createPort('/dev/ttyUSB0', { record: true });
    const port = new SerialPortMock({ path: '/dev/ttyUSB0', baudRate: 9600, autoOpen: false });
    const driver = new SerialRelayDriver(await openSerialLink(port), { id: 'lcus:/dev/ttyUSB0', channels: 2 });
    await expect(driver.state()).resolves.toEqual([false, false]);
    port.emit('error', new Error('Error: Input/output error, cannot write'));
    const failed = await driver.state().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RelayError);
    expect(classifyDeviceError(failed)).toBe('disconnected');
    await driver.close();
  });

  it('treats the DisconnectedError serialport closes the port with as a loss', async () => {
    SerialPortMock.binding.createPort('/dev/ttyUSB0');
    const port = new SerialPortMock({ path: '/dev/ttyUSB0', baudRate: 9600, autoOpen: false });
    const driver = new SerialRelayDriver(await openSerialLink(port), { id: 'lcus:/dev/ttyUSB0', channels: 1 });
    port.emit('close', Object.assign(new Error('Bad file descriptor'), { disconnected: true }));
    await expect(driver.state()).rejects.toThrow(/the serial port failed/);
  });

  it('rejects when the port cannot be opened', async () => {
    const port = new SerialPortMock({ path: '/dev/ttyUSB9', baudRate: 9600, autoOpen: false });
    await expect(openSerialLink(port)).rejects.toThrow(/Port does not exist/);
  });

  it('reports a missing device path as RelayError when opening an LCUS board', async () => {
    await expect(openLcusRelay('/dev/packroom-no-such-tty', 1)).rejects.toThrow(
      /lcus:\/dev\/packroom-no-such-tty: opening the serial port failed/,
    );
  });
});
