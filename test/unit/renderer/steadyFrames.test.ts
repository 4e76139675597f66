import { describe, expect, it } from 'vitest';
import { candidateKey } from '../../../renderer/camera/candidateKeys';
import { grayscale, meanDifference, SteadyFrames, steadyDefaults } from '../../../renderer/camera/steady';

const size = 64 * 48;
/** A "label": stripes of print on white, moved by `shift` pixels, with `noise` grey levels of sensor noise. */
function label(shift = 0, noise = 0, seed = 1): Uint8Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Uint8Array.from({ length: size }, (_, i) => {
    const v = Math.floor((i + shift) / 7) % 3 === 0 ? 30 : 230;
    return Math.max(0, Math.min(255, Math.round(v + noise * rand())));
  });
}
const bare = () => new Uint8Array(size).fill(140);

function feed(frames: SteadyFrames, pictures: Uint8Array[]): number[] {
  return pictures.flatMap((p, i) => (frames.push(p) ? [i] : []));
}

describe('SteadyFrames: when the camera picture is read', () => {
  it('reads a picture once it has held still for the set number of frames, in spite of sensor noise', () => {
    const frames = new SteadyFrames();
    const still = Array.from({ length: 10 }, (_, i) => label(0, 3, i + 1));
    expect(feed(frames, still)).toEqual([steadyDefaults.frames]);
  });

  it('does not read while the parcel moves', () => {
    const frames = new SteadyFrames();
    expect(
      feed(
        frames,
        Array.from({ length: 12 }, (_, i) => label(i * 3)),
      ),
    ).toEqual([]);
  });

  it('reads the same parcel once, and the next parcel when it has settled', () => {
    const frames = new SteadyFrames();
    const first = Array.from({ length: 12 }, () => label(0));
    const moving = Array.from({ length: 3 }, (_, i) => label(10 + i * 4));
    const next = Array.from({ length: 6 }, () => label(3));
    expect(feed(frames, [...first, ...moving, ...next])).toEqual([steadyDefaults.frames, 12 + 3 + steadyDefaults.frames]);
  });

  it('never reads a bare desk (no print in the picture)', () => {
    expect(feed(new SteadyFrames(), Array.from({ length: 10 }, bare))).toEqual([]);
  });

  it('reads the same picture again after again() (a reading that failed)', () => {
    const frames = new SteadyFrames();
    expect(
      feed(
        frames,
        Array.from({ length: 6 }, () => label(0)),
      ),
    ).toEqual([4]);
    frames.again();
    // Its first frame is already still beside the one before.
    expect(
      feed(
        frames,
        Array.from({ length: 6 }, () => label(0)),
      ),
    ).toEqual([3]);
  });

  it('measures differences per pixel, and a frame of another size as entirely different', () => {
    expect(meanDifference(Uint8Array.of(10, 20), Uint8Array.of(12, 16))).toBe(3);
    expect(meanDifference(Uint8Array.of(1), Uint8Array.of(1, 2))).toBe(255);
    expect([...grayscale(Uint8ClampedArray.of(255, 255, 255, 255, 255, 0, 0, 255))]).toEqual([255, 76]);
  });
});

describe('candidateKey: choosing a candidate with the keyboard', () => {
  it.each([
    ['ArrowDown', 0, 3, { move: 1 }],
    ['ArrowDown', 2, 3, { move: 0 }],
    ['ArrowUp', 0, 3, { move: 2 }],
    ['Home', 2, 3, { move: 0 }],
    ['End', 0, 3, { move: 2 }],
    ['Enter', 1, 3, { pick: 1 }],
    ['Enter', 7, 3, { pick: 2 }],
    ['a', 0, 3, null],
    ['ArrowDown', 0, 0, null],
  ] as const)('%s at %i of %i', (key, active, count, result) => {
    expect(candidateKey(key, active, count)).toEqual(result);
  });
});
