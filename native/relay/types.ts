/** A board of relays; the door strike hangs off one channel. Channels are numbered from 1 as printed on the boards. */
export interface RelayDriver {
  readonly id: string;
  /** Resolves once the board confirms the channel is in the requested state; rejects with RelayError otherwise. */
  set(channel: number, on: boolean): Promise<void>;
  /** Channel states, index 0 = channel 1. */
  state(): Promise<boolean[]>;
  close(): Promise<void>;
}

export class RelayError extends Error {
  override readonly name = 'RelayError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
