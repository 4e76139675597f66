/** Every printable ASCII character (0x20-0x7E): what a US keyboard can type with or without Shift. */
export const PRINTABLE_KEYS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';

type CharsOf<S extends string, Acc = never> = S extends `${infer C}${infer Rest}` ? CharsOf<Rest, Acc | C> : Acc;

export type PrintableKey = CharsOf<typeof PRINTABLE_KEYS>;

export const NAMED_KEYS = ['Enter', 'Backspace', 'Escape'] as const;

export type NamedKey = (typeof NAMED_KEYS)[number];

/** A logical key the door understands: one printable character, or an editing key. */
export type DoorKey = PrintableKey | NamedKey;

export function isDoorKey(value: string): value is DoorKey {
  return (value.length === 1 && PRINTABLE_KEYS.includes(value)) || (NAMED_KEYS as readonly string[]).includes(value);
}
