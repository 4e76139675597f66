import { isUtf8 } from 'node:buffer';
import { message } from '../../../contract';
import { RosterFileError, emptyFile } from './errors';

const SNIFF_BYTES = 1024;

/**
 * Decodes a text export. UTF-8 (with or without BOM) and Excel's "Unicode Text" (UTF-16 with BOM)
 * are read as such; anything else that is not valid UTF-8 is read as Windows-1252, which is what
 * Excel's plain "CSV" save produces on Windows, so "José" from such a file is not mistaken for binary.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw emptyFile();
  const utf16 = utf16Encoding(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  if (hasControlBytes(bytes.subarray(0, SNIFF_BYTES))) {
    throw new RosterFileError('binary', message('roster.file.binary'));
  }
  return new TextDecoder(isUtf8(bytes) ? 'utf-8' : 'windows-1252').decode(bytes);
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

// Text exports contain no control characters besides tab, line feed and carriage return, while
// images, archives and other binaries are dense with them (a PNG has some in its first 8 bytes).
function hasControlBytes(bytes: Uint8Array): boolean {
  return bytes.some((byte) => (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f);
}
