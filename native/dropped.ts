/**
 * How the protocol layer reports bytes it refused. Decoders never throw on device data: a report
 * that is short, unknown or malformed is dropped, and the reason goes to an optional handler so
 * the host can debug-log it without the decoder knowing about logging.
 */
export type DropHandler = (reason: string, bytes: Uint8Array) => void;

/** Result of a pure parser that refused its input. */
export interface Dropped {
  readonly dropped: string;
}

export function isDropped(value: object): value is Dropped {
  return 'dropped' in value;
}

export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
