/** SerialLink over the serialport package, and the LCUS relay opened on a serial port path. */
import { SerialPort } from 'serialport';
import { LCUS_BAUD_RATE, SerialRelayDriver, type SerialLink } from './serialRelay';
import { RelayError } from './types';

/** The part of serialport's SerialPort (and SerialPortMock) the link uses. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (err: Error | null) => void): void;
  write(data: Buffer, callback: (err: Error | null | undefined) => void): boolean;
  drain(callback: (err: Error | null) => void): void;
  close(callback: (err: Error | null) => void): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'close', listener: (err?: Error | null) => void): unknown;
}

/** Opens `port` (constructed with autoOpen: false) and exposes it as a SerialLink. */
export async function openSerialLink(port: SerialPortLike): Promise<SerialLink> {
  // A stream without an 'error' listener turns a USB unplug into an uncaught exception.
  let failure: Error | undefined;
  port.on('error', (err) => {
    failure ??= err;
  });
  // serialport reports a USB-serial adapter going away as 'close' with a DisconnectedError, not as 'error'.
  port.on('close', (err) => {
    if (err) failure ??= err;
  });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return {
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (failure) {
          reject(failure);
          return;
        }
        // write() only queues the bytes; drain() resolves once the UART has sent them.
        port.write(data, (writeErr) => {
          if (writeErr) reject(writeErr);
          else port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()));
        });
      }),
    failure: () => failure,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export async function openLcusRelay(path: string, channels: number): Promise<SerialRelayDriver> {
  const id = `lcus:${path}`;
  const port = new SerialPort({ path, baudRate: LCUS_BAUD_RATE, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
  let link: SerialLink;
  try {
    link = await openSerialLink(port);
  } catch (cause) {
    throw new RelayError(`${id}: opening the serial port failed: ${String(cause)}`, { cause });
  }
  try {
    return new SerialRelayDriver(link, { id, channels });
  } catch (error) {
    await link.close();
    throw error;
  }
}
