/**
 * HID POS barcode scanners (Bar Code Scanner usage page 0x8C, USB HID Point of Sale Usage Tables 1.02).
 *
 * Scanners in HID POS mode send fixed 64-byte input reports, report ID 0x02. Honeywell documents
 * the layout ("USB Interfaces" application note for Hand Held Products/Honeywell imagers, "HID POS
 * Interface"); Access-IS ATR110/LSR11x manuals publish the same table with an example split scan:
 *   byte 0      report ID 0x02
 *   byte 1      count of valid bytes in the decoded-data field of this report (0-56)
 *   bytes 2-4   AIM symbology identifier, always ']' + two characters (']Q1' = QR code)
 *   bytes 5-60  decoded data, zero padded
 *   byte 61     vendor symbology identifier (Honeywell code ID, 's' = QR)
 *   byte 62     reserved
 *   byte 63     bit 0 "decoded data continued": more reports of this scan follow
 * Every report of a split scan repeats the AIM identifier; the captured Voyager 1602g traffic in
 * HenkVanAsselt/python_hon_usbhid shows it. Two variants exist:
 *   - one extra byte before the AIM identifier (AIM at 3-5, data from 6), handled by
 *     NielsLeenheer/WebHidBarcodeScanner since it added Zebra (VID 0x05E0) and Datalogic (VID 0x05F9);
 *   - no AIM identifier at all (data at 2-57, symbology byte at 62), as Newland/ID TECH manuals list.
 * The decoder tells them apart by where the AIM flag character ']' sits in the first report of a scan.
 *
 * Honeywell host-to-scanner reports, from the same application note:
 *   output 0xFD  [0xFD, length, data...]: bytes fed to the scanner's serial command parser
 *   feature 0xFE [0xFE, interface]: "redirect output" to the HID POS interface of a composite
 *                keyboard + HID POS device, so scans stop being typed as keystrokes
 */
import { hex, type DropHandler } from '../dropped';

export const HID_POS_USAGE_PAGE = 0x8c;
/** Usage 0x02 "Bar Code Scanner" application collection. */
export const HID_POS_SCANNER_USAGE = 0x02;
export const HID_POS_REPORT_ID = 0x02;
export const HID_POS_REPORT_LENGTH = 64;

const LENGTH_BYTE = 1;
const MAX_DATA_PER_REPORT = 56;
const CONTINUED_BYTE = 63;
const CONTINUED_BIT = 0x01;
const AIM_FLAG = 0x5d; // ']'
const AIM_LENGTH = 3;
/** The largest QR symbol (version 40-L, byte mode) holds 2,953 bytes; anything longer is not one scan. */
const MAX_SCAN_BYTES = 4096;

interface ScanLayout {
  readonly aimAt: number | undefined;
  readonly dataAt: number;
}

const AIM_AT_2 = { aimAt: 2, dataAt: 5 } as const satisfies ScanLayout;
const AIM_AT_3 = { aimAt: 3, dataAt: 6 } as const satisfies ScanLayout;
const NO_AIM = { aimAt: undefined, dataAt: 2 } as const satisfies ScanLayout;

export interface HidPosScan {
  readonly text: string;
  /** AIM symbology identifier, e.g. ']Q1' for QR code, when the scanner sends one. */
  readonly symbology?: string;
}

export interface HidPosDecoderOptions {
  readonly reportId?: number;
  readonly onDrop?: DropHandler;
}

interface PartialScan {
  readonly layout: ScanLayout;
  readonly symbology: string | undefined;
  readonly chunks: Uint8Array[];
  size: number;
}

export class HidPosDecoder {
  readonly #reportId: number;
  readonly #onDrop: DropHandler;
  #partial: PartialScan | undefined;

  constructor(options: HidPosDecoderOptions = {}) {
    this.#reportId = options.reportId ?? HID_POS_REPORT_ID;
    this.#onDrop = options.onDrop ?? (() => {});
  }

  /** The complete scan once its last report arrives; null while buffering or when the report is dropped. */
  decode(report: Uint8Array): HidPosScan | null {
    const reason = this.#accept(report);
    if (reason !== undefined) {
      const discarded = this.#partial ? '; partial scan discarded' : '';
      this.#partial = undefined;
      this.#onDrop(reason + discarded, report);
      return null;
    }
    const partial = this.#partial;
    if (!partial || (report[CONTINUED_BYTE] ?? 0) & CONTINUED_BIT) return null;
    this.#partial = undefined;
    const text = trimLineEnding(new TextDecoder().decode(Buffer.concat(partial.chunks)));
    if (text === '') {
      this.#onDrop('empty scan', report);
      return null;
    }
    return partial.symbology === undefined ? { text } : { text, symbology: partial.symbology };
  }

  /** Forget a partially received scan, e.g. after the device was reopened. */
  reset(): void {
    this.#partial = undefined;
  }

  /** Buffers the report's data, or says why the report is refused. */
  #accept(report: Uint8Array): string | undefined {
    if (report.length !== HID_POS_REPORT_LENGTH) {
      return `expected a ${HID_POS_REPORT_LENGTH}-byte report, got ${report.length} bytes: ${hex(report)}`;
    }
    if (report[0] !== this.#reportId) return `report ID 0x${report[0]?.toString(16)} is not 0x${this.#reportId.toString(16)}`;
    const length = report[LENGTH_BYTE] ?? 0;
    if (length > MAX_DATA_PER_REPORT) return `data length ${length} exceeds ${MAX_DATA_PER_REPORT}`;
    const scan = this.#partial ?? startScan(report);
    if (scan.size + length > MAX_SCAN_BYTES) return `scan exceeds ${MAX_SCAN_BYTES} bytes`;
    scan.chunks.push(report.slice(scan.layout.dataAt, scan.layout.dataAt + length));
    scan.size += length;
    this.#partial = scan;
    return undefined;
  }
}

/** The first report of a scan fixes its layout and symbology for the reports that continue it. */
function startScan(report: Uint8Array): PartialScan {
  const layout = layoutOf(report);
  const symbology = layout.aimAt === undefined ? undefined : ascii(report.subarray(layout.aimAt, layout.aimAt + AIM_LENGTH));
  return { layout, symbology, chunks: [], size: 0 };
}

function layoutOf(report: Uint8Array): ScanLayout {
  if (report[AIM_AT_2.aimAt] === AIM_FLAG) return AIM_AT_2;
  if (report[AIM_AT_3.aimAt] === AIM_FLAG) return AIM_AT_3;
  return NO_AIM;
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Scanners configured for keyboard mode usually keep their CR/LF suffix after switching to HID POS. */
function trimLineEnding(text: string): string {
  return text.replace(/\r?\n?$/, '');
}

export interface HidPosEncodeOptions {
  /** AIM symbology identifier; defaults to ']Q1' (QR code, ISO/IEC 18004 model 2). */
  readonly aim?: string;
  readonly reportId?: number;
}

/** The input reports a Honeywell-layout scanner sends for one scan of `text`. */
export function encodeHidPosScan(text: string, options: HidPosEncodeOptions = {}): Uint8Array[] {
  const aim = options.aim ?? ']Q1';
  if (aim.length !== AIM_LENGTH || aim.charCodeAt(0) !== AIM_FLAG) throw new TypeError(`not an AIM identifier: ${JSON.stringify(aim)}`);
  const data = new TextEncoder().encode(text);
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset === 0 || offset < data.length; offset += MAX_DATA_PER_REPORT) {
    const chunk = data.subarray(offset, offset + MAX_DATA_PER_REPORT);
    const report = new Uint8Array(HID_POS_REPORT_LENGTH);
    report[0] = options.reportId ?? HID_POS_REPORT_ID;
    report[LENGTH_BYTE] = chunk.length;
    report.set(Buffer.from(aim, 'latin1'), AIM_AT_2.aimAt);
    report.set(chunk, AIM_AT_2.dataAt);
    report[CONTINUED_BYTE] = offset + MAX_DATA_PER_REPORT < data.length ? CONTINUED_BIT : 0;
    reports.push(report);
  }
  return reports;
}

/** Matches node-hid's device info for the scanner's HID POS collection (usagePage/usage are filled by hidapi ≥ 0.10). */
export function isHidPosScanner(device: { readonly usagePage?: number | undefined; readonly usage?: number | undefined }): boolean {
  return device.usagePage === HID_POS_USAGE_PAGE && device.usage === HID_POS_SCANNER_USAGE;
}

export const HONEYWELL_VENDOR_ID = 0x0c2e;
const HONEYWELL_REDIRECT_FEATURE_REPORT = 0xfe;
const HONEYWELL_COMMAND_OUTPUT_REPORT = 0xfd;
/** Honeywell composite devices expose keyboard as interface 0 and HID POS as interface 1. */
const HONEYWELL_COMPOSITE_HID_POS_INTERFACE = 1;

/**
 * Feature report that makes a Honeywell keyboard + HID POS composite device deliver scans on its
 * HID POS interface instead of typing them. It is volatile (lasts until the scanner resets), so it
 * is sent on every open; a pure HID POS device rejects it, which the caller may ignore.
 */
export function honeywellRedirectToHidPos(interfaceNumber: number = HONEYWELL_COMPOSITE_HID_POS_INTERFACE): number[] {
  return [HONEYWELL_REDIRECT_FEATURE_REPORT, interfaceNumber];
}

/**
 * Output report carrying a Honeywell menu command: SYN 'M' CR, then tag, subtag, data and storage
 * character ('!' volatile, '.' saved), e.g. '232BAD9.' (serial programming chapter of Honeywell user guides).
 */
export function honeywellMenuCommand(command: string): number[] {
  const payload = [0x16, 0x4d, 0x0d, ...Buffer.from(command, 'latin1')];
  if (payload.length > HID_POS_REPORT_LENGTH - 2) throw new RangeError(`menu command longer than ${HID_POS_REPORT_LENGTH - 5} characters`);
  const report = new Array<number>(HID_POS_REPORT_LENGTH).fill(0);
  report.splice(0, payload.length + 2, HONEYWELL_COMMAND_OUTPUT_REPORT, payload.length, ...payload);
  return report;
}
