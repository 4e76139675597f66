/**
 * One CSV line (RFC 4180, CRLF). A cell a spreadsheet would run as a formula (=, +, -, @ first) is
 * prefixed with an apostrophe, so a note or a courier's label text can never execute in Excel.
 */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
