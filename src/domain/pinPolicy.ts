/**
 * PIN rules. Eight digits by default: with 2,000 active credentials a guesser needs about
 * 10^8 / 2,000 = 50,000 wrong tries on average, which the keypad throttle stretches past a year
 * (see docs/install.md, "Brute force").
 */
export const defaultPinLength = 8;
export const minPinLength = 6;
export const maxPinLength = 12;

/** A PIN a person or a guesser would try first: one digit repeated, a run, or a short repeating pattern. */
export function isTrivialPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10);
  if (steps.every((s) => s === steps[0]) && (steps[0] === 0 || steps[0] === 1 || steps[0] === 9)) return true;
  for (let period = 1; period <= 3; period++) {
    if (pin.length > period && [...pin].every((c, i) => c === pin[i % period])) return true;
  }
  return new Set(digits).size <= 2;
}

/**
 * Draws random PINs until one is neither trivial nor already active. `isTaken` asks the database;
 * collisions are rare (2,000 of 10^8), so the bound is only a guard against a full PIN space.
 */
export function generatePin(length: number, randomDigits: (n: number) => string, isTaken: (pin: string) => boolean): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const pin = randomDigits(length);
    if (!isTrivialPin(pin) && !isTaken(pin)) return pin;
  }
  throw new Error(`Could not find a free ${length}-digit PIN; increase the PIN length.`);
}
