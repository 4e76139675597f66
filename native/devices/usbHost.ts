import type { HidModule } from './manager';

/** node-hid is loaded only when real devices are wanted, so a missing libusb never stops the rest of Packroom. */
export async function loadNodeHid(): Promise<HidModule> {
  const mod = (await import('node-hid')) as unknown as { default?: HidModule } & HidModule;
  return mod.default ?? mod;
}

/** USB attach events make a replugged device come back at once; without the usb package, the caller's retry does it. */
export async function watchUsbAttach(onAttach: () => void, onUnavailable: (error: unknown) => void): Promise<() => void> {
  try {
    type AttachEvents = { on(event: 'attach', listener: () => void): void; off(event: 'attach', listener: () => void): void };
    const { usb } = (await import('usb')) as unknown as { usb: AttachEvents };
    usb.on('attach', onAttach);
    return () => usb.off('attach', onAttach);
  } catch (error) {
    onUnavailable(error);
    return () => undefined;
  }
}
