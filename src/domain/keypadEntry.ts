/**
 * What a person types at the door keypad, one key at a time. Digits build an entry; Enter or #
 * submits it; *, Backspace or Esc clear it. With "Single Access PIN Request" on, * on an empty
 * entry starts a request instead: * then the phone number on file then #.
 */
export type KeypadOutcome =
  | { kind: 'typing' }
  | { kind: 'cleared' }
  | { kind: 'ignored' }
  | { kind: 'pin'; pin: string }
  | { kind: 'pin-request'; phoneDigits: string };

export interface KeypadEntryOptions {
  /** A partial entry older than this is dropped when the next key arrives. */
  timeoutMs: number;
  maxLength: number;
  pinRequestEnabled: () => boolean;
}

export class KeypadEntry {
  private digits = '';
  private mode: 'pin' | 'request' = 'pin';
  private lastKeyAt = 0;

  constructor(private readonly options: KeypadEntryOptions) {}

  press(key: string, now: number): KeypadOutcome {
    if (this.pending() && now - this.lastKeyAt > this.options.timeoutMs) this.reset();
    this.lastKeyAt = now;
    if (/^[0-9]$/.test(key)) {
      if (this.digits.length >= this.options.maxLength) return { kind: 'ignored' };
      this.digits += key;
      return { kind: 'typing' };
    }
    if (key === 'Enter' || key === '#') {
      if (this.digits === '') {
        this.reset();
        return { kind: 'ignored' };
      }
      const outcome: KeypadOutcome =
        this.mode === 'request' ? { kind: 'pin-request', phoneDigits: this.digits } : { kind: 'pin', pin: this.digits };
      this.reset();
      return outcome;
    }
    if (key === '*' && !this.pending() && this.options.pinRequestEnabled()) {
      this.mode = 'request';
      return { kind: 'typing' };
    }
    if (key === '*' || key === 'Backspace' || key === 'Escape') {
      this.reset();
      return { kind: 'cleared' };
    }
    return { kind: 'ignored' };
  }

  private pending(): boolean {
    return this.digits !== '' || this.mode === 'request';
  }

  private reset(): void {
    this.digits = '';
    this.mode = 'pin';
  }
}
