/**
 * What reads a picture of a label: sharp decodes and straightens it, ZXing (WebAssembly) finds its barcodes,
 * Tesseract (WebAssembly, LSTM) reads its text. It runs only in the label thread (thread.ts), never on the door's.
 * Every model and binary is read from node_modules: nothing is fetched, ever (tesseract.js and zxing-wasm would
 * otherwise download theirs from a CDN; the paths below are what stop them).
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { createWorker, OEM, PSM, type Worker as Tesseract } from 'tesseract.js';
import { readShipTo } from '../../domain/labels/shipTo';
import { imageLimits, type ImageProblem } from './limits';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

export interface EnginePaths {
  /** The folder holding eng.traineddata.gz (@tesseract.js-data/eng). */
  tessdata: string;
  /** zxing-wasm's zxing_reader.wasm. */
  zxingWasm: string;
}

export type EngineResult = { ok: true; barcodes: string[]; lines: string[] } | { ok: false; problem: ImageProblem };

const formats = ['Code128', 'PDF417', 'DataMatrix', 'QRCode', 'MaxiCode', 'ITF', 'Code39'] as const;

export class LabelEngine {
  private constructor(private readonly ocr: Tesseract) {}

  /** Loads both models (the reader's cold start). */
  static async load(paths: EnginePaths): Promise<LabelEngine> {
    const wasm = readFileSync(paths.zxingWasm);
    await prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
      fireImmediately: true,
    });
    const ocr = await createWorker('eng', OEM.LSTM_ONLY, { langPath: paths.tessdata, gzip: true, cacheMethod: 'none' });
    // Tesseract writes notes ("Invalid resolution 25 dpi", "Estimating resolution") to the terminal, where the command
    // line's own lines go: into its in-memory file system's /dev/null instead.
    await ocr.setParameters({ debug_file: '/dev/null' });
    return new LabelEngine(ocr);
  }

  async read(bytes: Uint8Array): Promise<EngineResult> {
    if (bytes.byteLength === 0) return { ok: false, problem: 'empty' };
    if (bytes.byteLength > imageLimits.maxBytes) return { ok: false, problem: 'tooLarge' };
    let image: { data: Buffer; width: number; height: number };
    try {
      const input = sharp(bytes, { limitInputPixels: imageLimits.maxPixels, failOn: 'error' }).rotate();
      const meta = await input.metadata();
      if (Math.min(meta.width ?? 0, meta.height ?? 0) < imageLimits.minSide) return { ok: false, problem: 'tooSmall' };
      const { data, info } = await input
        .resize(imageLimits.workSide, imageLimits.workSide, { fit: 'inside', withoutEnlargement: true })
        .grayscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      image = { data, width: info.width, height: info.height };
    } catch (error) {
      return { ok: false, problem: /pixel limit/iu.test(String(error)) ? 'tooLarge' : 'notImage' };
    }
    const found = await readBarcodes(
      { data: rgba(image.data), width: image.width, height: image.height, colorSpace: 'srgb' },
      { formats: [...formats], tryHarder: true, maxNumberOfSymbols: 6 },
    );
    const barcodes = found.filter((b) => b.isValid).sort(byArea);
    const lines = await this.text(image, await tilt(image));
    return { ok: true, barcodes: barcodes.map((b) => b.text), lines };
  }

  /**
   * The picture's text lines, top to bottom, read after turning it level (Tesseract reads little of a turned page).
   * Its page layout step sometimes drops the block it could read; when no ship-to heading came out, it reads again
   * as one block, then a little turned each way (a sheared photo is level at no single angle): at most four passes,
   * and a clear label needs one.
   */
  private async text(image: { data: Buffer; width: number; height: number }, degrees: number): Promise<string[]> {
    const passes: [number, PSM][] = [
      [degrees, PSM.AUTO],
      [degrees, PSM.SINGLE_BLOCK],
      [degrees + 2, PSM.SINGLE_BLOCK],
      [degrees - 2, PSM.SINGLE_BLOCK],
    ];
    let best: string[] = [];
    for (const [angle, mode] of passes) {
      let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
      if (Math.abs(angle) > 0.2) pipeline = pipeline.rotate(-angle, { background: '#ffffff' });
      const png = await pipeline.normalise().png({ compressionLevel: 0 }).toBuffer();
      await this.ocr.setParameters({ tessedit_pageseg_mode: mode });
      const { data } = await this.ocr.recognize(png);
      const lines = data.text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      if (readShipTo(lines).anchored) return lines;
      if (lines.length > best.length) best = lines;
    }
    return best;
  }

  async close(): Promise<void> {
    await this.ocr.terminate();
  }
}

function rgba(grey: Buffer): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(grey.length * 4);
  for (let i = 0; i < grey.length; i += 1) {
    const v = grey[i]!;
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

// The largest first: a label's main barcode is the tracking number's.
const byArea = (a: ReadResult, b: ReadResult) => area(b) - area(a);
function area(b: ReadResult): number {
  const p = b.position;
  return Math.abs((p.topRight.x - p.topLeft.x) * (p.bottomLeft.y - p.topLeft.y));
}

/**
 * How far the picture is turned, in degrees (−15 to 15): the angle at which the dark pixels of a small copy, counted
 * row by row, fall into the fewest, fullest rows (a label's lines of print and rules are level there).
 */
async function tilt(image: { data: Buffer; width: number; height: number }): Promise<number> {
  const side = 400;
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .resize(side, side, { fit: 'inside' })
    .normalise()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      if (data[y * info.width + x]! < 96) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  const spread = (degrees: number) => {
    const r = (degrees * Math.PI) / 180;
    const sin = Math.sin(r);
    const cos = Math.cos(r);
    const rows = new Float64Array(2 * (info.width + info.height));
    for (let i = 0; i < xs.length; i += 1) rows[Math.round(ys[i]! * cos - xs[i]! * sin) + info.width]! += 1;
    let sum = 0;
    for (const n of rows) sum += n * n;
    return sum;
  };
  let best = 0;
  let bestSpread = spread(0);
  for (const step of [1, 0.25]) {
    const around = best;
    for (let d = around - (step === 1 ? 15 : 1); d <= around + (step === 1 ? 15 : 1); d += step) {
      const s = spread(d);
      if (s > bestSpread) [best, bestSpread] = [d, s];
    }
  }
  return best;
}
