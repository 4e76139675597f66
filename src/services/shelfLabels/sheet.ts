import QRCode from 'qrcode';
import { message, messageText, type Language, type ShelfLabelSize } from '../../contract';
import type { ShelfLabelContent } from '../../domain/packages/shelfLabel';

/**
 * A batch of shelf labels as one print-ready HTML page: one label per printed page, `@page` the label's own size, no
 * script and nothing fetched (the QR codes are inline SVG), so the same page prints through the system's dialog from
 * the staff screen, silently in the desktop app, or to PDF.
 */

interface Layout {
  page: string;
  css: string;
}

// 62 mm continuous tape (Brother QL and the like) cut to 62 × 40 mm: text on the left, the code on the right. 4 × 6 in
// (a thermal shipping-label printer): the four characters across the top, the code large below them.
const layouts: Record<ShelfLabelSize, Layout> = {
  '62mm': {
    page: '62mm 40mm',
    css: `.label { width: 62mm; height: 40mm; padding: 2mm 2.5mm; flex-direction: row; gap: 2mm; }
.text { flex: 1; min-width: 0; }
.last4 { font-size: 10mm; line-height: 1.1; }
.name { font-size: 3.4mm; }
.unit { font-size: 5mm; }
.shelf, .day { font-size: 2.8mm; }
.qr { width: 22mm; height: 22mm; flex: none; align-self: center; }`,
  },
  '4x6': {
    page: '4in 6in',
    css: `.label { width: 4in; height: 6in; padding: 0.25in; flex-direction: column; align-items: center; text-align: center; gap: 0.15in; }
.text { width: 100%; }
.last4 { font-size: 1in; line-height: 1.1; }
.name { font-size: 0.3in; }
.unit { font-size: 0.45in; }
.shelf, .day { font-size: 0.25in; }
.qr { width: 2.4in; height: 2.4in; }`,
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function qrSvg(code: string): Promise<string> {
  // Level M survives a scuffed label; no quiet zone of its own: the label's padding is it.
  return QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
}

/** The page for these labels, in `language` (its few words and the date), at `size`. */
export async function labelSheet(labels: readonly ShelfLabelContent[], size: ShelfLabelSize, language: Language): Promise<string> {
  const say = (key: 'shelfLabel.title' | 'shelfLabel.noShelf' | 'shelfLabel.unassigned') => escapeHtml(messageText(message(key), language));
  const bodies = await Promise.all(
    labels.map(async (l) => {
      const shelf =
        l.shelf === null ? say('shelfLabel.noShelf') : escapeHtml(messageText(message('shelfLabel.shelf', { shelf: l.shelf }), language));
      return `<section class="label" data-code="${escapeHtml(l.code)}">
<div class="text"><div class="last4">${escapeHtml(l.lastFour)}</div><div class="name">${l.name === '' ? say('shelfLabel.unassigned') : escapeHtml(l.name)}</div><div class="unit">${escapeHtml(l.unit)}</div><div class="shelf">${shelf}</div><div class="day">${escapeHtml(messageText(message('shelfLabel.logged', { at: new Date(l.loggedAt).toISOString() }), language))}</div></div>
<div class="qr">${await qrSvg(l.code)}</div>
</section>`;
    }),
  );
  const layout = layouts[size];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${say('shelfLabel.title')}</title>
<style>
@page { size: ${layout.page}; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: Arial, Helvetica, sans-serif; color: #000; background: #fff; }
.label { box-sizing: border-box; display: flex; overflow: hidden; break-after: page; page-break-after: always; }
.label:last-child { break-after: auto; page-break-after: auto; }
.text > div { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
/* Four characters always fit (the font is sized for four of the widest): never cut short. */
.text > .last4 { overflow: visible; text-overflow: clip; }
.last4, .unit { font-weight: 700; }
.qr svg { display: block; width: 100%; height: 100%; }
${layout.css}
</style>
</head>
<body>
${bodies.join('\n')}
</body>
</html>
`;
}
