/**
 * Why a door device is not working, in words both sides share: the device layer (native/) reports
 * it and the staff UI shows it. This is the one file native/ may import from src/, so it holds
 * types only and imports nothing.
 */
export type DeviceErrorKind = 'not-connected' | 'disconnected' | 'permission-denied' | 'protocol-error';

export interface DeviceProblem {
  kind: DeviceErrorKind;
  /** The driver's own words (hidapi, serialport), for the log and for support. */
  detail: string;
}
