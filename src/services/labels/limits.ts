// Apart from engine.ts: what reports on a picture (the command line, the door's thread) never loads the models' packages.

/** Why a file is not read: each answered as such, never as "no label". */
export type ImageProblem = 'empty' | 'tooLarge' | 'notImage' | 'tooSmall';

export const imageLimits = {
  /** A phone photo is a few MB; a camera frame far less. */
  maxBytes: 25 * 1024 * 1024,
  /** 50 megapixels: more is not a photo of a label, and decoding it would hold memory for nothing. */
  maxPixels: 50_000_000,
  /** Smaller than this, no label could be read in it. */
  minSide: 64,
  /** Larger pictures are scaled down first: the label's print is still several pixels a stroke. */
  workSide: 1600,
} as const;
