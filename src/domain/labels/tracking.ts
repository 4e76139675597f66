import { detectCarrier, normalizeTracking, type Detection } from '../packages/tracking';

export interface LabelTracking extends Detection {
  /** Where it was read: a barcode in the picture wins over the number printed under it. */
  from: 'barcode' | 'printed';
}

/** A number the existing detection (the USB scanner's) knows, or null. */
function known(raw: string): Detection | null {
  const checked = normalizeTracking(raw);
  if (!checked.ok) return null;
  const found = detectCarrier(checked.tracking);
  return found.format === null ? null : found;
}

/**
 * The tracking number and carrier of a label: the first barcode whose value is a known format (its check digit
 * agrees), else the longest run of printed groups on one line that is ("1Z 999 AA1 01 2345 6784"). A value no
 * format knows is never taken: a misread digit fails the check digit rather than filling in a wrong number.
 */
export function labelTracking(barcodes: readonly string[], lines: readonly string[]): LabelTracking | null {
  for (const value of barcodes) {
    const found = known(value);
    if (found) return { ...found, from: 'barcode' };
  }
  let best: Detection | null = null;
  for (const line of lines) {
    const groups = line
      .toUpperCase()
      .split(/[^A-Z0-9]+/u)
      .filter((g) => g !== '');
    for (let start = 0; start < groups.length; start += 1) {
      let joined = '';
      for (let end = start; end < groups.length && joined.length < 40; end += 1) {
        joined += groups[end]!;
        if (joined.length < 8 || !/\d/u.test(joined)) continue;
        const found = known(joined);
        if (found && (!best || found.tracking.length > best.tracking.length)) best = found;
      }
    }
  }
  return best ? { ...best, from: 'printed' } : null;
}
