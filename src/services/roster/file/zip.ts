import { createInflateRaw } from 'node:zlib';
import { message } from '../../../contract';
import { RosterFileError } from './errors';
import { rosterFileLimits, tooManyCells } from './limits';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;
const STORED = 0;
const DEFLATED = 8;

const damaged = () => new RosterFileError('unreadable-excel', message('roster.file.damagedExcel'));

interface Entry {
  name: string;
  offset: number;
  method: number;
  compressedSize: number;
  dataDescriptor: boolean;
}

/**
 * Checks a workbook's zip archive before anything parses it, within the limits: a well-formed archive
 * whose entries follow each other with nothing hidden between them (the streaming reader walks the
 * entries from the front, so what is checked here is what it reads), stored or deflated, and unpacking
 * to at most rosterFileLimits.inflatedBytes, counted by unpacking it for real and stopping at the limit,
 * as the sizes an archive declares can lie. Memory stays at one unpacked piece at a time.
 */
export async function checkWorkbookArchive(bytes: Uint8Array): Promise<void> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let budget: number = rosterFileLimits.inflatedBytes;
  for (const entry of centralDirectory(view)) {
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const count = countsFor(entry.name);
    if (entry.method === STORED) {
      budget -= data.length;
      count?.(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      count?.(null);
    } else budget -= await inflatedSize(data, budget, count);
    if (budget < 0) throw tooLarge();
  }
}

/**
 * What a part costs the streaming reader beyond its size, counted as it is unpacked: for a sheet, the
 * cells up to the last one of each row (exceljs walks every position of a row twice, so a row that
 * merely touches column XFD costs 16,384 steps, empty or not); for the shared strings, how many there
 * are (each is kept). Either beyond rosterFileLimits.cells is refused before the reader starts.
 */
function countsFor(name: string): ((chunk: Buffer | null) => void) | null {
  const kind = /^xl\/worksheets\/sheet\d+\.xml$/.test(name) ? 'sheet' : name === 'xl/sharedStrings.xml' ? 'strings' : null;
  if (!kind) return null;
  let carry = '';
  let cells = 0;
  let rowEnd = 0;
  return (chunk) => {
    if (chunk === null) {
      cells += rowEnd;
      if (cells > rosterFileLimits.cells) throw tooManyCells();
      return;
    }
    // Tags are ASCII, so latin1 keeps every byte where it is; a tag cut by the chunk's end waits for the next.
    let text = carry + chunk.toString('latin1');
    const cut = text.lastIndexOf('<');
    if (cut !== -1 && text.indexOf('>', cut) === -1 && text.length - cut < 4096) {
      carry = text.slice(cut);
      text = text.slice(0, cut);
    } else carry = '';
    if (kind === 'strings') {
      for (let at = text.indexOf('<si'); at !== -1; at = text.indexOf('<si', at + 3)) cells += 1;
    } else {
      for (const tag of text.matchAll(/<(row|c)\b[^>]*?>/g)) {
        if (tag[1] === 'row') {
          cells += rowEnd;
          rowEnd = 0;
        } else {
          const column = /\br="([A-Z]{1,3})\d/.exec(tag[0])?.[1];
          if (column) rowEnd = Math.max(rowEnd, columnNumber(column));
        }
      }
    }
    if (cells > rosterFileLimits.cells) throw tooManyCells();
  };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + letter.charCodeAt(0) - 64;
  return n;
}

const tooLarge = () =>
  new RosterFileError(
    'too-large',
    message('roster.file.inflatedTooLarge', { limit: Math.round(rosterFileLimits.inflatedBytes / 1024 / 1024) }),
  );

function centralDirectory(view: DataView): (Entry & { dataStart: number })[] {
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const start = view.getUint32(end + 16, true);
  // Zip64 (a workbook over 4 GB) is far beyond the upload limit: its markers mean a crafted archive.
  if (count === 0xffff || start === 0xffffffff || start + size > end) throw damaged();
  const entries: (Entry & { dataStart: number })[] = [];
  let at = start;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw damaged();
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const offset = view.getUint32(at + 42, true);
    if (method !== STORED && method !== DEFLATED) throw damaged();
    if (compressedSize === 0xffffffff || offset === 0xffffffff) throw damaged();
    const nameLength = view.getUint16(at + 28, true);
    const name = Buffer.from(view.buffer, view.byteOffset + at + 46, Math.min(nameLength, end - at - 46)).toString('latin1');
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const entry = { name, offset, method, compressedSize, dataDescriptor: (flags & 0x08) !== 0 };
    entries.push({ ...entry, dataStart: localDataStart(view, entry, start) });
  }
  // Entries must tile the archive from its first byte to the central directory: a streaming reader
  // walks local headers from the front and would read an entry hidden between two listed ones.
  entries.sort((a, b) => a.offset - b.offset);
  let next = 0;
  for (const entry of entries) {
    if (entry.offset !== next) throw damaged();
    next = entry.dataStart + entry.compressedSize;
    if (entry.dataDescriptor) next += view.getUint32(next, true) === DESCRIPTOR ? 16 : 12;
  }
  if (next !== start) throw damaged();
  return entries;
}

function findEnd(view: DataView): number {
  // The end record is 22 bytes plus a comment of up to 65,535.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === END) return at;
  }
  throw damaged();
}

function localDataStart(view: DataView, entry: Entry, limit: number): number {
  const at = entry.offset;
  if (at + 30 > limit || view.getUint32(at, true) !== LOCAL) throw damaged();
  if (view.getUint16(at + 8, true) !== entry.method) throw damaged();
  // Without a data descriptor the local header carries the sizes the streaming reader goes by.
  if (!entry.dataDescriptor && view.getUint32(at + 18, true) !== entry.compressedSize) throw damaged();
  const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (dataStart + entry.compressedSize > limit) throw damaged();
  return dataStart;
}

/**
 * Unpacks `data`, handing each piece to `count` and dropping it; stops once the total exceeds `budget`
 * (and then returns budget + 1) or when `count` refuses the part.
 */
function inflatedSize(data: Uint8Array, budget: number, count: ((chunk: Buffer | null) => void) | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      inflate.destroy();
      outcome();
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) return finish(() => resolve(budget + 1));
      try {
        count?.(chunk);
      } catch (error) {
        finish(() => reject(error));
      }
    });
    inflate.on('end', () => {
      try {
        count?.(null);
        finish(() => resolve(total));
      } catch (error) {
        finish(() => reject(error));
      }
    });
    inflate.on('error', () => finish(() => reject(damaged())));
    inflate.end(data);
  });
}
