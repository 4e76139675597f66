import { amazon, dhl, fedex, getTracking, ontrac, s10, ups, usps } from 'ts-tracking-number';
import type { CarrierId } from '../../contract/carriers';
import { message, type Message } from '../../contract/messages';

export const trackingLimits = { min: 4, max: 64 } as const;

export type TrackingCheck = { ok: true; tracking: string } | { ok: false; reason: Message };

// Scanners in keyboard mode may send an AIM symbology identifier (]C1, ]Q3…) before the data.
const symbologyPrefix = /^\][A-Za-z][0-9A-Za-z]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what scanners add (Tab, CR, GS, EOT).
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * What staff scanned or typed, as one tracking number: without what scanners add (control
 * characters, a trailing Tab or Enter, an AIM prefix), without spaces or dashes people type to
 * group digits, in upper case. Refuses what is left if it cannot be a tracking number.
 */
export function normalizeTracking(raw: string): TrackingCheck {
  const text = raw.replace(controlCharacters, '').trim().replace(symbologyPrefix, '');
  const tracking = text.replace(/[\s-]+/g, '').toUpperCase();
  if (tracking.length === 0) return { ok: false, reason: message('tracking.empty') };
  if (tracking.length < trackingLimits.min || tracking.length > trackingLimits.max) {
    return { ok: false, reason: message('tracking.length', { ...trackingLimits, length: tracking.length }) };
  }
  if (!/^[A-Z0-9]+$/.test(tracking)) return { ok: false, reason: message('tracking.characters') };
  if (!/[0-9]/.test(tracking)) return { ok: false, reason: message('tracking.noDigits') };
  return { ok: true, tracking };
}

export interface Detection {
  /** The number to store: for a USPS label scanned with its 420 + ZIP routing prefix, the number without it. */
  tracking: string;
  carrier: CarrierId | null;
  /** The carrier's name when it is not one of Packroom's own (carrier 'other'), e.g. OnTrac. */
  carrierName: string | null;
  /** The library's name for the format, e.g. "UPS" or "USPS 91"; null for an unknown format. */
  format: string | null;
}

// The first courier whose pattern matches wins: USPS before FedEx, so an IMpb label (92…, 94…) that
// could also be read as FedEx SmartPost is USPS, which delivers both to the building.
const detectionOrder = [ups, amazon, usps, dhl, fedex, ontrac, s10];
const routingPrefix = /^420\d{5}(\d{20,})$/;

/** The carrier of a normalized tracking number (see normalizeTracking); null for formats no library knows. */
export function detectCarrier(tracking: string): Detection {
  const routed = routingPrefix.exec(tracking);
  if (routed) {
    // 420 + ZIP, or 420 + ZIP+4: the number after five ZIP digits, else after nine.
    const afterZip = routed[1]!;
    for (const candidate of [afterZip, afterZip.slice(4)]) {
      const found = getTracking(candidate, [usps]);
      if (found) return { tracking: candidate, carrier: 'usps', carrierName: null, format: found.name };
    }
  }
  const found = getTracking(tracking, detectionOrder);
  if (!found) return { tracking, carrier: null, carrierName: null, format: null };
  const code = found.courier.code;
  if (code === 'ups' || code === 'fedex' || code === 'usps' || code === 'amazon' || code === 'dhl') {
    return { tracking, carrier: code, carrierName: null, format: found.name };
  }
  if (code === 's10' && tracking.endsWith('US')) return { tracking, carrier: 'usps', carrierName: null, format: found.name };
  const name = code === 's10' ? 'International post' : found.courier.name;
  return { tracking, carrier: 'other', carrierName: name, format: found.name };
}
