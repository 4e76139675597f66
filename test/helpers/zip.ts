import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Already deflated data (with its real inflated size and CRC), for entries too large to build here. */
  deflated?: { bytes: Uint8Array; size: number; crc: number };
}

/**
 * A zip archive built by hand, so a test can write exactly the bytes an attacker would: what exceljs
 * writes is always well-formed. Deflated entries, no data descriptors, no zip64.
 */
export function zipArchive(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = entry.deflated ?? { bytes: deflateRawSync(entry.data), size: entry.data.length, crc: crc32(entry.data) };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.crc >>> 0, 14);
    local.writeUInt32LE(packed.bytes.length, 18);
    local.writeUInt32LE(packed.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.crc >>> 0, 16);
    central.writeUInt32LE(packed.bytes.length, 20);
    central.writeUInt32LE(packed.size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(packed.bytes));
    centrals.push(central, name);
    offset += local.length + name.length + packed.bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const text = (s: string) => new TextEncoder().encode(s);

/** The parts every workbook has besides its sheet, as Excel writes them. */
export function workbookParts(): ZipEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/sharedStrings.xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>',
      ),
    },
  ];
}

const sheetOpen = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A worksheet part holding `rows` (XML of <row> elements), after an optional <dimension ref>. */
export function sheetPart(rows: string, dimension?: string): ZipEntry {
  const claimed = dimension ? `<dimension ref="${dimension}"/>` : '';
  return { name: 'xl/worksheets/sheet1.xml', data: text(`${sheetOpen}${claimed}<sheetData>${rows}</sheetData></worksheet>`) };
}

/** An inline-text cell. */
export const cell = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

/**
 * A worksheet part that unpacks to about `bytes`: `rows` (XML of <row> elements) over and over, as a
 * zip bomb is made. Each piece is deflated once and its bytes repeated (a full flush ends a piece on a
 * byte boundary with nothing carried over), so a 400 MB sheet takes a second to make, not half a minute.
 */
export function repeatedSheet(bytes: number, rows: string): ZipEntry {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const head = Buffer.from(`${sheetOpen}<sheetData>`);
  const piece = Buffer.from(rows.repeat(Math.ceil((1 << 20) / rows.length)));
  const tail = Buffer.from('</sheetData></worksheet>');
  const times = Math.ceil(bytes / piece.length);
  let crc = crc32(head);
  for (let i = 0; i < times; i += 1) crc = crc32(piece, crc);
  crc = crc32(tail, crc);
  const packedPiece = flushed(piece.toString());
  const packed = Buffer.concat([flushed(head.toString()), ...Array<Buffer>(times).fill(packedPiece), deflateRawSync(tail)]);
  const size = head.length + piece.length * times + tail.length;
  return { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(), deflated: { bytes: packed, size, crc } };
}
