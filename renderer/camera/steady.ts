/**
 * When to read the camera's picture: once it has held still for a few frames, shows something with print on it, and
 * is not the picture read last (the same parcel left under the camera is read once). Pure: it sees small grayscale
 * copies of the frames (a few thousand pixels each), never the camera.
 */
export interface SteadyOptions {
  /** Mean difference per pixel (0–255) between two frames under which the picture is still. */
  still: number;
  /** How many still frames in a row make it steady. */
  frames: number;
  /** Mean difference from the picture read last over which it is a new one. */
  changed: number;
  /** Spread of the grey levels (standard deviation) under which the picture is a bare surface, not a label. */
  contrast: number;
}

export const steadyDefaults: SteadyOptions = { still: 4, frames: 4, changed: 12, contrast: 18 };

export function meanDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return 255;
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

function spread(a: Uint8Array): number {
  let sum = 0;
  let squares = 0;
  for (const v of a) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / a.length;
  return Math.sqrt(Math.max(0, squares / a.length - mean * mean));
}

export class SteadyFrames {
  private previous: Uint8Array | null = null;
  private stillFor = 0;
  private lastRead: Uint8Array | null = null;

  constructor(private readonly options: SteadyOptions = steadyDefaults) {}

  /** One more frame; true when this one is to be read. */
  push(frame: Uint8Array): boolean {
    const still = this.previous !== null && meanDifference(this.previous, frame) < this.options.still;
    this.previous = frame;
    this.stillFor = still ? this.stillFor + 1 : 0;
    if (this.stillFor < this.options.frames) return false;
    if (spread(frame) < this.options.contrast) return false;
    if (this.lastRead && meanDifference(this.lastRead, frame) < this.options.changed) return false;
    this.lastRead = frame;
    return true;
  }

  /** Forgets the picture read last: the same picture is read again once steady (a reading that failed). */
  again(): void {
    this.lastRead = null;
    this.stillFor = 0;
  }
}

/** The luminance of RGBA pixels (a canvas's ImageData), one byte a pixel. */
export function grayscale(rgba: Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < out.length; i += 1) {
    out[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
  }
  return out;
}
