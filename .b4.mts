import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
const lines: string[] = ['Tenant Code,Tenant Name,Unit,Email,Phone (Cell),Status,Move In,Move Out\n'];
let size = 0, count = 0;
while (size < 50 * 1024 * 1024) { const note = count % 1000 === 0 ? '"Smith,\nJohn"' : `"Smith, John ${count}"`; const l = `t${count},${note},${count % 700},john${count}@example.com,(212) 555-${String(count % 10000).padStart(4, '0')},Current,01/15/2023,\n`; lines.push(l); size += l.length; count++; }
const text = lines.join(''); lines.length = 0;
const CH = 1 << 20;
function* slices() { for (let s = 0; s < text.length; s += CH) yield text.slice(s, s + CH); }
const opts = { delimiter: ',', record_delimiter: '\n', relax_column_count: true, relax_quotes: true };
const records: { line: number; cells: string[] }[] = [];
const t = performance.now();
if (process.argv[2] === 'onrecord') {
  const p = parse({ ...opts, skip_empty_lines: true, on_record: (cells, info) => { records.push({ line: info.lines, cells }); return null; } });
  await pipeline(Readable.from(slices()), p);
} else {
  let line = 1;
  const p = parse({ ...opts, on_record: (cells) => { records.push({ line, cells }); line += 1; return null; } });
  await pipeline(Readable.from(slices()), p);
}
console.log(process.argv[2], ((performance.now() - t) / 1000).toFixed(2), records.length);
