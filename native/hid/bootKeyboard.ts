/**
 * HID boot keyboard reports (what door keypads and keyboard-mode QR scanners send).
 *
 * Layout, from HID 1.11 Appendix B.1 "Protocol 1 (Keyboard)":
 *   byte 0     modifier bits: 0 LCtrl, 1 LShift, 2 LAlt, 3 LGUI, 4 RCtrl, 5 RShift, 6 RAlt, 7 RGUI
 *   byte 1     reserved (OEM use; ignored)
 *   bytes 2-7  usages (Keyboard/Keypad page 0x07) of up to six keys currently held, 0 = empty slot
 * Usages 0x01-0x03 (ErrorRollOver, POSTFail, ErrorUndefined, HID Usage Tables §10) fill the slots
 * when the keyboard cannot tell which keys are down; such a report says nothing about presses.
 *
 * A report lists held keys, not events: a key is pressed when its usage appears that was not in the
 * previous report. Characters follow the US layout legends printed in the Usage Tables, which is
 * also what scanners in keyboard mode assume unless reconfigured.
 */
import { hex, type DropHandler } from '../dropped';
import { isDoorKey, type DoorKey } from './keys';

const REPORT_LENGTH = 8;
const FIRST_SLOT = 2;
const LEFT_SHIFT = 0x02;
const SHIFT = LEFT_SHIFT | 0x20;
const CTRL_ALT_GUI = 0xff & ~SHIFT;
const LAST_ERROR_USAGE = 0x03;

/** Consecutive usages from `first`, unshifted and shifted legends. */
const MAIN_KEYS: ReadonlyArray<readonly [first: number, plain: string, shifted: string]> = [
  [0x04, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  [0x1e, '1234567890', '!@#$%^&*()'],
  [0x2c, ' -=[]\\', ' _+{}|'],
  // 0x32 is "Non-US # and ~", a key the US layout does not have.
  [0x33, ";'`,./", ':"~<>?'],
];

/** Keypad keys are the same with or without Shift. Digits are read regardless of Num Lock, which is host state. */
const KEYPAD_KEYS: ReadonlyArray<readonly [first: number, chars: string]> = [
  [0x54, '/*-+'],
  [0x59, '1234567890.'],
];

const MAIN_ENTER = 0x28;
const KEYPAD_ENTER = 0x58;
const NAMED_USAGES: ReadonlyArray<readonly [usage: number, key: DoorKey]> = [
  [MAIN_ENTER, 'Enter'],
  [0x29, 'Escape'],
  [0x2a, 'Backspace'],
  [KEYPAD_ENTER, 'Enter'],
];

interface KeyStroke {
  readonly usage: number;
  readonly shifted: boolean;
}

const plainKeys = new Map<number, DoorKey>();
const shiftedKeys = new Map<number, DoorKey>();
const mainStrokes = new Map<string, KeyStroke>();
const keypadStrokes = new Map<string, KeyStroke>([['Enter', { usage: KEYPAD_ENTER, shifted: false }]]);

function asDoorKey(char: string): DoorKey {
  if (!isDoorKey(char)) throw new TypeError(`not a door key: ${JSON.stringify(char)}`);
  return char;
}

for (const [first, plain, shifted] of MAIN_KEYS) {
  [...plain].forEach((char, i) => {
    plainKeys.set(first + i, asDoorKey(char));
    if (!mainStrokes.has(char)) mainStrokes.set(char, { usage: first + i, shifted: false });
  });
  [...shifted].forEach((char, i) => {
    shiftedKeys.set(first + i, asDoorKey(char));
    if (!mainStrokes.has(char)) mainStrokes.set(char, { usage: first + i, shifted: true });
  });
}
for (const [first, chars] of KEYPAD_KEYS) {
  [...chars].forEach((char, i) => {
    plainKeys.set(first + i, asDoorKey(char));
    shiftedKeys.set(first + i, asDoorKey(char));
    keypadStrokes.set(char, { usage: first + i, shifted: false });
  });
}
for (const [usage, key] of NAMED_USAGES) {
  plainKeys.set(usage, key);
  shiftedKeys.set(usage, key);
  if (!mainStrokes.has(key)) mainStrokes.set(key, { usage, shifted: false });
}

export interface BootKeyboardOptions {
  /** Report ID that some composite devices put before every report, making it 9 bytes long. */
  readonly reportId?: number;
  readonly onDrop?: DropHandler;
}

export class BootKeyboardDecoder {
  readonly #reportId: number | undefined;
  readonly #onDrop: DropHandler;
  #held: ReadonlySet<number> = new Set();

  constructor(options: BootKeyboardOptions = {}) {
    this.#reportId = options.reportId;
    this.#onDrop = options.onDrop ?? (() => {});
  }

  /** Keys newly pressed in this report, in slot order. */
  decode(report: Uint8Array): DoorKey[] {
    const body = this.#body(report);
    if (!body) return [];
    const slots = body.subarray(FIRST_SLOT);
    if (slots.some((usage) => usage !== 0 && usage <= LAST_ERROR_USAGE)) {
      this.#onDrop('rollover/error state in key slots; previous key state kept', report);
      return [];
    }
    const modifiers = body[0] ?? 0;
    const current = new Set(slots.filter((usage) => usage !== 0));
    const pressed: DoorKey[] = [];
    for (const usage of current) {
      if (this.#held.has(usage)) continue;
      if (modifiers & CTRL_ALT_GUI) {
        this.#onDrop(`usage 0x${usage.toString(16)} pressed with Ctrl/Alt/GUI held`, report);
        continue;
      }
      const key = (modifiers & SHIFT ? shiftedKeys : plainKeys).get(usage);
      if (key === undefined) this.#onDrop(`unknown usage 0x${usage.toString(16)}`, report);
      else pressed.push(key);
    }
    this.#held = current;
    return pressed;
  }

  /** Forget held keys, e.g. after the device was reopened. */
  reset(): void {
    this.#held = new Set();
  }

  #body(report: Uint8Array): Uint8Array | undefined {
    const expected = this.#reportId === undefined ? REPORT_LENGTH : REPORT_LENGTH + 1;
    if (report.length !== expected) {
      this.#onDrop(`expected a ${expected}-byte report, got ${report.length} bytes: ${hex(report)}`, report);
      return undefined;
    }
    if (this.#reportId === undefined) return report;
    if (report[0] !== this.#reportId) {
      this.#onDrop(`report ID 0x${report[0]?.toString(16)} is not 0x${this.#reportId.toString(16)}`, report);
      return undefined;
    }
    return report.subarray(1);
  }
}

export interface BootKeyboardEncodeOptions {
  /** Type digits, . / * - + and Enter on the numeric keypad, as a door keypad does. */
  readonly keypad?: boolean;
  readonly reportId?: number;
}

/**
 * The reports a US keyboard sends to type `keys`: for each key a press report (Shift in the
 * modifier byte for shifted characters) followed by an all-zero release report.
 */
export function encodeBootKeyboard(keys: string | readonly DoorKey[], options: BootKeyboardEncodeOptions = {}): Uint8Array[] {
  const sequence = typeof keys === 'string' ? [...keys] : keys;
  return sequence.flatMap((key) => {
    const stroke = (options.keypad ? keypadStrokes.get(key) : undefined) ?? mainStrokes.get(key);
    if (!stroke) throw new TypeError(`a US keyboard cannot type ${JSON.stringify(key)}`);
    const press = new Uint8Array(REPORT_LENGTH);
    press[0] = stroke.shifted ? LEFT_SHIFT : 0;
    press[FIRST_SLOT] = stroke.usage;
    return [withReportId(press, options.reportId), withReportId(new Uint8Array(REPORT_LENGTH), options.reportId)];
  });
}

function withReportId(report: Uint8Array, reportId: number | undefined): Uint8Array {
  return reportId === undefined ? report : Uint8Array.of(reportId, ...report);
}
