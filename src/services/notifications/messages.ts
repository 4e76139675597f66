import QRCode from 'qrcode';

export const templates = ['single_access', 'pin_request', 'new_pin'] as const;
export type NotificationTemplate = (typeof templates)[number];

export const isTemplate = (value: string): value is NotificationTemplate => (templates as readonly string[]).includes(value);

export interface MessageData {
  siteName: string;
  template: NotificationTemplate;
  firstName: string;
  kind: 'permanent' | 'single';
  pin: string;
  qrToken: string;
  expiresAt: number | null;
  /** IANA zone for the expiry; the machine's own zone when left out. */
  timeZone?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; cid: string; contentType: string }[];
}

const QR_CID = 'door-qr@packroom';

const subjects: Record<NotificationTemplate, (site: string) => string> = {
  single_access: (site) => `Your one-time PIN for ${site}`,
  pin_request: (site) => `The PIN you asked for at ${site}`,
  new_pin: (site) => `Your PIN for ${site}`,
};

const intros: Record<NotificationTemplate, string> = {
  single_access: 'Here is a one-time PIN for the package room door.',
  pin_request: 'Here is the one-time PIN you asked for at the package room keypad.',
  new_pin: 'Here is your PIN for the package room door. It replaces any PIN you had before.',
};

const smsLeads: Record<NotificationTemplate, string> = {
  single_access: 'your one-time PIN is',
  pin_request: 'the PIN you asked for is',
  new_pin: 'your package room PIN is now',
};

/** "Thu, Nov 26, 8:05 PM". */
export function formatExpiry(at: number, timeZone?: string): string {
  const text = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(at);
  // ICU puts a narrow no-break space before AM/PM; one such character turns a whole SMS into UCS-2, halving its length.
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** One sentence on how long the PIN works, or '' when nothing needs saying. */
function validity(data: MessageData): string {
  const expiry = data.expiresAt === null ? null : formatExpiry(data.expiresAt, data.timeZone);
  if (data.kind === 'single') return expiry ? `It works once and expires ${expiry}.` : 'It works once.';
  return expiry ? `It expires ${expiry}.` : '';
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const howToUse = 'Type the PIN on the keypad at the package room door, or hold the QR code up to the scanner.';

export async function renderEmail(data: MessageData): Promise<RenderedEmail> {
  const qr = await QRCode.toBuffer(data.qrToken, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  const lines = [intros[data.template], validity(data)].filter(Boolean).join(' ');
  const text = [
    `Hi ${data.firstName},`,
    '',
    lines,
    '',
    `PIN: ${data.pin}`,
    '',
    `${howToUse} The QR code is attached.`,
    '',
    data.siteName,
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html>
<html><body style="font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.5">
<p>Hi ${e(data.firstName)},</p>
<p>${e(lines)}</p>
<p style="font-size: 32px; font-weight: bold; letter-spacing: 6px; margin: 16px 0">${e(data.pin)}</p>
<p>${e(howToUse)}</p>
<p><img src="cid:${QR_CID}" width="240" height="240" alt="QR code for the package room door"></p>
<p>${e(data.siteName)}</p>
</body></html>
`;
  return {
    subject: subjects[data.template](data.siteName),
    text,
    html,
    attachments: [{ filename: 'door-qr-code.png', content: qr, cid: QR_CID, contentType: 'image/png' }],
  };
}

export function renderSms(data: MessageData): string {
  return [`${data.siteName}: ${smsLeads[data.template]} ${data.pin}.`, validity(data)].filter(Boolean).join(' ');
}

// ---- Package notices ----

export const packageTemplates = ['package_notice', 'package_reminder'] as const;
export type PackageTemplate = (typeof packageTemplates)[number];

export const isPackageTemplate = (value: string): value is PackageTemplate => (packageTemplates as readonly string[]).includes(value);

/** One waiting package as a notice lists it. */
export interface PackageLine {
  carrier: string;
  tracking: string;
  loggedAt: number;
}

export interface PackageMessageData {
  siteName: string;
  template: PackageTemplate;
  firstName: string;
  packages: readonly PackageLine[];
  /** Null when the site leaves the PIN and QR code out of package notices, or the recipient has none. */
  pin: string | null;
  qrToken: string | null;
  timeZone?: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 UPS, 1 Amazon": carriers in the order they first appear. */
export function carrierSummary(packages: readonly PackageLine[]): string {
  const counts = new Map<string, number>();
  for (const p of packages) counts.set(p.carrier, (counts.get(p.carrier) ?? 0) + 1);
  return [...counts].map(([carrier, n]) => `${n} ${carrier}`).join(', ');
}

function packageHeadline(data: PackageMessageData): string {
  const n = data.packages.length;
  const what = `${plural(n, 'package', 'packages')} (${carrierSummary(data.packages)})`;
  return data.template === 'package_reminder'
    ? `Reminder: ${what} ${n === 1 ? 'is' : 'are'} still waiting for you in the package room.`
    : `${what} ${n === 1 ? 'is' : 'are'} waiting for you in the package room.`;
}

export async function renderPackageEmail(data: PackageMessageData): Promise<RenderedEmail> {
  const n = data.packages.length;
  const subject =
    data.template === 'package_reminder'
      ? `Reminder: ${plural(n, 'package is', 'packages are')} waiting for you at ${data.siteName}`
      : `You have ${n === 1 ? 'a package' : `${n} packages`} at ${data.siteName}`;
  const items = data.packages.map((p) => `${p.carrier} ${p.tracking}, arrived ${formatExpiry(p.loggedAt, data.timeZone)}`);
  const access = data.pin !== null && data.qrToken !== null;
  const text = [
    `Hi ${data.firstName},`,
    '',
    packageHeadline(data),
    '',
    ...items.map((i) => `- ${i}`),
    '',
    ...(access ? [`PIN: ${data.pin}`, '', `${howToUse} The QR code is attached.`, ''] : []),
    data.siteName,
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html>
<html><body style="font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.5">
<p>Hi ${e(data.firstName)},</p>
<p>${e(packageHeadline(data))}</p>
<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>
${
  access
    ? `<p style="font-size: 32px; font-weight: bold; letter-spacing: 6px; margin: 16px 0">${e(data.pin!)}</p>
<p>${e(howToUse)}</p>
<p><img src="cid:${QR_CID}" width="240" height="240" alt="QR code for the package room door"></p>`
    : ''
}
<p>${e(data.siteName)}</p>
</body></html>
`;
  const attachments = access
    ? [
        {
          filename: 'door-qr-code.png',
          content: await QRCode.toBuffer(data.qrToken!, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
          cid: QR_CID,
          contentType: 'image/png',
        },
      ]
    : [];
  return { subject, text, html, attachments };
}

/** Short: one SMS segment (160 plain characters) for a few packages; the QR code only travels by email. */
export function renderPackageSms(data: PackageMessageData): string {
  const n = data.packages.length;
  const lead = data.template === 'package_reminder' ? 'reminder, ' : '';
  const waiting = `${plural(n, 'package', 'packages')} waiting (${carrierSummary(data.packages)})`;
  const pin = data.pin === null ? '' : ` Your PIN: ${data.pin}`;
  return `${data.siteName}: ${lead}${waiting} in the package room.${pin}`;
}
