/**
 * A picture staff took (a label's photo, a handover's photo or signature), checked and made small before it is
 * kept. sharp decodes and encodes in libuv's pool, so the door's thread only hands it the bytes and gets the result.
 */
import { createHash } from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import { attachmentLimits, message, type AttachmentMime, type Message } from '../../contract';

/** A picture ready to store: re-encoded, measured and hashed. */
export interface StoredPicture {
  bytes: Buffer;
  mime: AttachmentMime;
  width: number;
  height: number;
  sha256: string;
}

/** Why a picture was refused, as the sentence staff read; nothing was saved. */
export class PictureRefused extends Error {
  constructor(readonly sentence: Message) {
    super(sentence.key);
  }
}

/**
 * Checks a received picture (a real JPEG or PNG, within the size and side limits) and makes what is kept of it: a
 * photo as a JPEG whose long side is at most 1280 px (quality 70, turned upright by its EXIF orientation), a
 * signature as a PNG of the same bound. Throws PictureRefused.
 */
export async function storedPicture(received: Buffer, as: 'photo' | 'signature'): Promise<StoredPicture> {
  const limits = attachmentLimits;
  if (received.length > limits.maxReceivedBytes) throw new PictureRefused(message('attachments.tooLarge', { maxMb: 2 }));
  let format: string | undefined;
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ format, width, height } = await sharp(received).metadata());
  } catch {
    throw new PictureRefused(message('attachments.notPicture'));
  }
  if ((format !== 'jpeg' && format !== 'png') || !width || !height) throw new PictureRefused(message('attachments.notPicture'));
  if (Math.max(width, height) > limits.maxSide || Math.min(width, height) < limits.minSide) {
    throw new PictureRefused(message('attachments.badSides', { width, height, min: limits.minSide, max: limits.maxSide }));
  }
  const bound = { width: limits.storedLongSide, height: limits.storedLongSide, fit: 'inside' as const, withoutEnlargement: true };
  let made: { data: Buffer; info: OutputInfo };
  try {
    const pipeline = sharp(received, { failOn: 'error', limitInputPixels: limits.maxSide * limits.maxSide })
      .rotate()
      .resize(bound);
    made =
      as === 'photo'
        ? await pipeline.jpeg({ quality: 70, mozjpeg: true }).toBuffer({ resolveWithObject: true })
        : await pipeline.png({ compressionLevel: 9, palette: true }).toBuffer({ resolveWithObject: true });
  } catch {
    // A header that reads but a body that does not decode (a cut-off file).
    throw new PictureRefused(message('attachments.notPicture'));
  }
  if (made.data.length > limits.maxStoredBytes) throw new PictureRefused(message('attachments.storedTooLarge'));
  if (as === 'signature' && !(await signed(made.data))) throw new PictureRefused(message('attachments.signatureEmpty'));
  return {
    bytes: made.data,
    mime: as === 'photo' ? 'image/jpeg' : 'image/png',
    width: made.info.width,
    height: made.info.height,
    sha256: createHash('sha256').update(made.data).digest('hex'),
  };
}

/**
 * Whether a signature has ink enough to be one: an empty pad or a dot is refused. On a white ground, its dark
 * pixels must be many (a 2 px pen's stroke of about 60 px) and spread over at least 40 px one way or the other.
 */
async function signed(png: Buffer): Promise<boolean> {
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  let inked = 0;
  let [left, right, top, bottom] = [info.width, -1, info.height, -1];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! >= 128) continue;
      inked++;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return inked >= signatureInk.minPixels && Math.max(right - left, bottom - top) >= signatureInk.minSpan;
}

/** What a signature needs: checked here only (the hand-over dialog's pad shows this refusal under itself). */
export const signatureInk = { minPixels: 120, minSpan: 40 } as const;
