import i18next, { type TFunction } from 'i18next';
import QRCode from 'qrcode';
import type { Language } from '../../contract';
import { messageCatalogs } from './locales';

export const templates = ['single_access', 'pin_request', 'new_pin', 'proxy_pin'] as const;
export type NotificationTemplate = (typeof templates)[number];

export const isTemplate = (value: string): value is NotificationTemplate => (templates as readonly string[]).includes(value);

export interface MessageData {
  siteName: string;
  template: NotificationTemplate;
  /** The recipient's language: subject and body, email and SMS, are written in it. */
  language: Language;
  firstName: string;
  kind: 'permanent' | 'single';
  pin: string;
  qrToken: string;
  expiresAt: number | null;
  /** IANA zone for the expiry; the machine's own zone when left out. */
  timeZone?: string;
  /** A message to a proxy (`firstName` is then the proxy's name): the recipient they collect for. */
  forWhom?: ForWhom;
}

/** Whose packages a proxy collects: "Aisha Rahman, 4B". */
export interface ForWhom {
  recipient: string;
  unit: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; cid: string; contentType: string }[];
}

const QR_CID = 'door-qr@packroom';

// One i18next instance for every message to recipients, separate from anything else in the process.
// Synchronous init: the catalogs are bundled, so a message can be rendered the moment it is due.
const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(Object.entries(messageCatalogs).map(([language, catalog]) => [language, { messages: catalog }])),
  ns: ['messages'],
  defaultNS: 'messages',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/**
 * The recipient-message catalog in one language. A template is a key per part (`<template>.subject`,
 * `.intro`, `.sms`) in locales/<language>.json; counts use i18next plural keys (`_one`, `_other`, …).
 */
export const messageText = (language: Language): TFunction => i18n.getFixedT(language);

// Letters ICU writes in dates (e.g. Spanish "sáb") that GSM-7 lacks: one of them turns a whole SMS into
// UCS-2, which fits 70 characters a segment instead of 160. The plain letter reads the same in a date.
const nonGsmDateLetters: Record<string, string> = { á: 'a', í: 'i', ó: 'o', ú: 'u', Á: 'A', Í: 'I', Ó: 'O', Ú: 'U' };

/** "Thu, Nov 26, 8:05 PM" in English, "jue, 26 nov, 20:05" in Spanish. */
/** A calendar day in a text ("Sun, Dec 20"): `at` is the day's midnight on this computer, where the day was counted. */
export function formatDay(at: number, language: Language = 'en'): string {
  const text = new Intl.DateTimeFormat(language, { weekday: 'short', month: 'short', day: 'numeric' }).format(at);
  return text.replace(/[\u202f\u00a0]/g, ' ').replace(/[áíóúÁÍÓÚ]/g, (c) => nonGsmDateLetters[c] ?? c);
}

export function formatExpiry(at: number, timeZone?: string, language: Language = 'en'): string {
  const text = new Intl.DateTimeFormat(language, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(at);
  // ICU puts a narrow no-break space before AM/PM; one such character turns a whole SMS into UCS-2, halving its length.
  return text.replace(/[\u202f\u00a0]/g, ' ').replace(/[áíóúÁÍÓÚ]/g, (c) => nonGsmDateLetters[c] ?? c);
}

/** One sentence on how long the PIN works, or '' when nothing needs saying. */
function validity(t: TFunction, data: MessageData): string {
  const expiry = data.expiresAt === null ? null : formatExpiry(data.expiresAt, data.timeZone, data.language);
  if (data.kind === 'single') return expiry ? t('common.worksOnceUntil', { expiry }) : t('common.worksOnce');
  return expiry ? t('common.expires', { expiry }) : '';
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export async function renderEmail(data: MessageData): Promise<RenderedEmail> {
  const t = messageText(data.language);
  const qr = await QRCode.toBuffer(data.qrToken, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  const lines = [t(`${data.template}.intro`, { ...data.forWhom }), validity(t, data)].filter(Boolean).join(' ');
  const greeting = t('common.greeting', { name: data.firstName });
  const howToUse = t('common.howToUse');
  const text = [
    greeting,
    '',
    lines,
    '',
    t('common.pinLine', { pin: data.pin }),
    '',
    `${howToUse} ${t('common.qrAttached')}`,
    '',
    data.siteName,
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${data.language}"><body style="font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.5">
<p>${e(greeting)}</p>
<p>${e(lines)}</p>
<p style="font-size: 32px; font-weight: bold; letter-spacing: 6px; margin: 16px 0">${e(data.pin)}</p>
<p>${e(howToUse)}</p>
<p><img src="cid:${QR_CID}" width="240" height="240" alt="${e(t('common.qrAlt'))}"></p>
<p>${e(data.siteName)}</p>
</body></html>
`;
  return {
    subject: t(`${data.template}.subject`, { site: data.siteName }),
    text,
    html,
    attachments: [{ filename: 'door-qr-code.png', content: qr, cid: QR_CID, contentType: 'image/png' }],
  };
}

export function renderSms(data: MessageData): string {
  const t = messageText(data.language);
  return [t(`${data.template}.sms`, { site: data.siteName, pin: data.pin, ...data.forWhom }), validity(t, data)].filter(Boolean).join(' ');
}

// ---- Package notices ----

// `hold_ended`: the one notice when a recipient's hold ends, listing what waits (docs/architecture.md, "Holds").
export const packageTemplates = ['package_notice', 'package_reminder', 'hold_ended'] as const;
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
  /** The recipient's language, as for every other message. */
  language: Language;
  firstName: string;
  packages: readonly PackageLine[];
  /** Null when the site leaves the PIN and QR code out of package notices, or the recipient has none. */
  pin: string | null;
  qrToken: string | null;
  timeZone?: string;
  /** A notice to a proxy: it says for whom, and never carries the recipient's PIN. */
  forWhom?: ForWhom;
}

/** "2 UPS, 1 Amazon": carriers in the order they first appear. */
export function carrierSummary(packages: readonly PackageLine[]): string {
  const counts = new Map<string, number>();
  for (const p of packages) counts.set(p.carrier, (counts.get(p.carrier) ?? 0) + 1);
  return [...counts].map(([carrier, n]) => `${n} ${carrier}`).join(', ');
}

/** The catalog keys of a package template: `package_notice.*`, `package_reminder.*` or `hold_ended.*`. */
function packageText(data: PackageMessageData) {
  const t = messageText(data.language);
  const count = data.packages.length;
  const carriers = carrierSummary(data.packages);
  const what = `${t('packages.count', { count })} (${carriers})`;
  // A proxy's notice has its own sentences (`…_proxy` context): "for Aisha Rahman, 4B".
  const forWhom = data.forWhom ? { context: 'proxy', ...data.forWhom } : {};
  return {
    t,
    subject: t(`${data.template}.subject`, { count, site: data.siteName, ...forWhom }),
    headline: t(`${data.template}.headline`, { count, what, ...forWhom }),
    sms: t(`${data.template}.sms`, { count, carriers, site: data.siteName, ...forWhom }),
  };
}

export async function renderPackageEmail(data: PackageMessageData): Promise<RenderedEmail> {
  const { t, subject, headline } = packageText(data);
  const items = data.packages.map((p) =>
    t('packages.item', { carrier: p.carrier, tracking: p.tracking, at: formatExpiry(p.loggedAt, data.timeZone, data.language) }),
  );
  const access = data.pin !== null && data.qrToken !== null;
  const greeting = t('common.greeting', { name: data.firstName });
  const howToUse = t('common.howToUse');
  const text = [
    greeting,
    '',
    headline,
    '',
    ...items.map((i) => `- ${i}`),
    '',
    ...(access ? [t('common.pinLine', { pin: data.pin }), '', `${howToUse} ${t('common.qrAttached')}`, ''] : []),
    data.siteName,
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${data.language}"><body style="font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.5">
<p>${e(greeting)}</p>
<p>${e(headline)}</p>
<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>
${
  access
    ? `<p style="font-size: 32px; font-weight: bold; letter-spacing: 6px; margin: 16px 0">${e(data.pin!)}</p>
<p>${e(howToUse)}</p>
<p><img src="cid:${QR_CID}" width="240" height="240" alt="${e(t('common.qrAlt'))}"></p>`
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

/** Short: one SMS segment for a few packages; the QR code only travels by email. */
export function renderPackageSms(data: PackageMessageData): string {
  const { t, sms } = packageText(data);
  return data.pin === null ? sms : `${sms} ${t('packages.smsPin', { pin: data.pin })}`;
}
