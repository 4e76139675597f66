import { z } from 'zod';
import { carrierIds, type CarrierId } from './carriers';
import { empty, id, idInput, optionalText, text } from './common';
import type { PackageHold } from './holds';
import { method, type MethodDef } from './define';
import { pictureData } from './attachments';
import { says } from './messages';

/** The front desk's package log, its overview and the shelf check. */
export const packageStatus = z.enum(['waiting', 'picked_up', 'returned', 'missing']);

export const packageSize = z.enum(['small', 'large', 'oversized'], { error: says('validation.packageSize') });

const carrierId = z.enum(carrierIds, { error: says('validation.chooseCarrier') });

/** As scanned or typed; the core strips what scanners add and checks what is left. */
const trackingText = z.string({ error: says('validation.tracking') }).max(200, says('validation.trackingTooLong'));

export const packageDetectInput = z.object({ tracking: trackingText });

const packageFields = {
  shelf: optionalText('shelf', 16),
  size: packageSize.default('small'),
  perishable: z.boolean().default(false),
  note: optionalText('note', 500),
};

const chosenRecipient = z
  .number({ error: says('validation.chooseRecipient') })
  .int()
  .positive(says('validation.chooseRecipient'));

export const packageLogInput = z.object({
  tracking: trackingText,
  carrier: carrierId,
  /** The carrier's name when carrier is 'other'. */
  carrierName: optionalText('carrierName', 40),
  recipientId: chosenRecipient,
  ...packageFields,
  /** Marked at intake (some carriers' labels say so): a desk handover may then need a signature (Settings → Packages). */
  signatureRequired: z.boolean().default(false),
  /** The label's photo (JPEG, base64), kept with the package as evidence. */
  photo: pictureData.optional(),
});

/** Where a page of the package list ends: give it back as `after` for the next page. */
export const packageCursor = z.object({ loggedAt: z.number().int().min(0), id });

export const packageListInput = z.object({
  /** 'unmatched': put aside, waiting for staff to assign a recipient (the other statuses list only assigned packages). */
  status: z.enum(['waiting', 'picked_up', 'returned', 'missing', 'all', 'unmatched']).default('waiting'),
  query: z.string().trim().max(100, says('validation.searchTooLong')).default(''),
  /** Oldest first shows what has waited longest. */
  sort: z.enum(['newest', 'oldest']).default('newest'),
  recipientId: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** The previous page's `next`; absent for the first page. */
  after: packageCursor.optional(),
});

export const packageHandOverInput = z
  .object({
    id,
    /** Staff chose "Someone else": then the name is required (an empty one used to record the recipient). */
    someoneElse: z.boolean().default(false),
    /** Someone other than the recipient collected it; null when the recipient did. */
    collectedBy: optionalText('collectedBy', 80),
    /** One of the recipient's people allowed to collect (proxies.list) collected it: their name is recorded. */
    proxyId: id.optional(),
    /** Proof at handover: the collector's signature (PNG) and a photo from the desk camera (JPEG), base64. */
    signature: pictureData.optional(),
    photo: pictureData.optional(),
  })
  .refine((v) => !v.someoneElse || Boolean(v.collectedBy), { message: says('validation.enter.collectedBy'), path: ['collectedBy'] });

export const packageReturnInput = z.object({ id, reason: text('reason', 200) });

export const packageUpdateInput = z.object({
  id,
  recipientId: chosenRecipient,
  shelf: packageFields.shelf,
  size: packageSize,
  note: packageFields.note,
});

export const packageIdsInput = z.object({
  ids: z
    .array(id, { error: says('validation.packagesAtLeastOne') })
    .min(1, says('validation.packagesAtLeastOne'))
    .max(1000, says('validation.packagesAtMost')),
});

const day = z.iso.date({ error: says('validation.dates') });

export const packageExportInput = z.object({ from: day, to: day });

export const shelfCheckIdInput = z.object({ checkId: id });

export const shelfCheckScanInput = z.object({ checkId: id, tracking: trackingText });

export type PackageStatus = 'waiting' | 'picked_up' | 'returned' | 'missing';

export type PackageSize = 'small' | 'large' | 'oversized';

export interface PackageDetection {
  /** The number as Packroom stores it (scanner additions and a USPS 420 + ZIP prefix removed). */
  tracking: string;
  carrier: CarrierId | null;
  carrierName: string | null;
  /** The same number is already waiting: logging it again will be refused. */
  duplicate: { recipientName: string; unit: string; loggedAt: string } | null;
}

export interface PackagePickup {
  at: string;
  via: 'door' | 'desk';
  /** At the door: which of the recipient's credentials opened it. */
  credential: 'pin' | 'qr' | 'single-access-pin' | null;
  /** At the desk: someone other than the recipient, by the name staff typed. */
  collectedBy: string | null;
  /** The staff member who handed it over. */
  handedOverBy: string | null;
}

export interface PackageRecipient {
  id: number;
  firstName: string;
  lastName: string;
  unit: string;
  active: boolean;
}

export interface PackageItem {
  id: number;
  tracking: string;
  carrier: CarrierId;
  /** UPS, FedEx… or the name typed for Other. */
  carrierLabel: string;
  /** Null while the package is unmatched (put aside, see `putAside`). */
  recipient: PackageRecipient | null;
  shelf: string | null;
  size: PackageSize;
  perishable: boolean;
  signatureRequired: boolean;
  note: string | null;
  status: PackageStatus;
  /** Waiting for a recipient who is no longer active: staff should consider returning it. */
  returnToSender: boolean;
  loggedAt: string;
  loggedBy: string;
  ageDays: number;
  pickup: PackagePickup | null;
  returned: { at: string; reason: string } | null;
  /** Its recipient on hold now, or this package to go back after a `return` hold; null otherwise. */
  hold: PackageHold | null;
  /** Logged with no recipient (the label could not be matched); kept after it is assigned. Null otherwise. */
  putAside: PackagePutAside | null;
}

export interface PackagePage {
  items: PackageItem[];
  more: boolean;
  /** The cursor of the next page (`after`); null on the last one. */
  next: z.output<typeof packageCursor> | null;
}

export interface PackageOverview {
  waiting: number;
  waitingByAge: { '0-2': number; '3-7': number; '8-14': number; '15+': number };
  pickedUpToday: number;
  /** Over the last 30 days; null when nothing was picked up. */
  averageHoursToPickup: number | null;
  /** The last 30 days, oldest first; `day` is YYYY-MM-DD in this computer's time zone. */
  perDay: { day: string; logged: number; pickedUp: number }[];
}

export interface PackageExport {
  fileName: string;
  csv: string;
  rows: number;
}

export interface ShelfCheckScan {
  tracking: string;
  /** What Packroom knows about the newest package with this number; null when it was never logged. */
  known: { status: PackageStatus; recipientName: string; shelf: string | null } | null;
}

export interface ShelfCheck {
  id: number;
  startedAt: string;
  startedBy: string;
  scans: ShelfCheckScan[];
}

export interface ShelfCheckResult {
  id: number;
  finishedAt: string;
  scanned: number;
  notWaitingButFound: PackageItem[];
  waitingNotFound: PackageItem[];
  neverLogged: string[];
}

// ---- Unmatched: a parcel whose label Packroom (or staff) could not match to a recipient ----

/** Why a candidate was offered (src/domain/labels/match.ts `Why`), as the screens word it. */
export const candidateWhy = z.enum([
  'name',
  'surnameFirst',
  'nickname',
  'initial',
  'surnameOnly',
  'firstNameDiffers',
  'typo',
  'unit',
  'unitDiffers',
  'noUnit',
]);
export type CandidateWhy = z.infer<typeof candidateWhy>;

/** How the label reading ended when it did not fill the recipient in (null when staff put it aside by hand). */
export const unmatchedOutcome = z.enum(['several', 'partial', 'none', 'unreadable']);
export type UnmatchedOutcome = z.infer<typeof unmatchedOutcome>;

/** What was read off the label: the ship-to lines and the people it might be for, best first. */
export const labelReadingInput = z.object({
  outcome: unmatchedOutcome.nullable().default(null),
  shipTo: z
    .array(z.string().trim().max(200, says('validation.readingTooLong')))
    .max(12, says('validation.readingTooLong'))
    .default([]),
  candidates: z
    .array(z.object({ recipientId: id, score: z.number().min(0).max(10), why: z.array(candidateWhy).max(10).default([]) }))
    .max(10, says('validation.readingTooLong'))
    .default([]),
});

/** Logged with no recipient, into the Unmatched queue: the camera's "Put aside", or the Log form's by hand. */
export const packagePutAsideInput = z.object({
  tracking: trackingText,
  carrier: carrierId,
  carrierName: optionalText('carrierName', 40),
  ...packageFields,
  reading: labelReadingInput.default({ outcome: null, shipTo: [], candidates: [] }),
  /** The label's photo (JPEG, base64), kept with the package as evidence and shown in the Unmatched queue. */
  photo: pictureData.optional(),
});

/** An unmatched package given its recipient, who is then told as when a package is logged. */
export const packageAssignInput = z.object({ id, recipientId: chosenRecipient });

export interface PackagePutAside {
  at: string;
  by: string;
  outcome: UnmatchedOutcome | null;
  shipTo: string[];
  /** Best first; a candidate no longer on this desk's roster is left out. */
  candidates: { recipient: PackageRecipient; score: number; why: CandidateWhy[] }[];
  /** When and by whom it was assigned; null while unmatched. */
  assigned: { at: string; by: string } | null;
  /** The label's photo taken when it was put aside (`attachments.get`); null without one. */
  photoUid: string | null;
}

export const packageMethods = {
  // Packages: the front desk's log, for any staff member.
  'packages.detect': method<PackageDetection>()({ input: packageDetectInput, access: 'staff' }),
  'packages.log': method<PackageItem>()({ input: packageLogInput, access: 'staff' }),
  'packages.list': method<PackagePage>()({ input: packageListInput, access: 'staff' }),
  'packages.get': method<PackageItem>()({ input: idInput, access: 'staff' }),
  'packages.handOver': method<PackageItem>()({ input: packageHandOverInput, access: 'staff' }),
  'packages.returnToSender': method<PackageItem>()({ input: packageReturnInput, access: 'staff' }),
  'packages.update': method<PackageItem>()({ input: packageUpdateInput, access: 'staff' }),
  'packages.restore': method<PackageItem[]>()({ input: packageIdsInput, access: 'staff' }),
  'packages.markMissing': method<PackageItem[]>()({ input: packageIdsInput, access: 'staff' }),
  'packages.overview': method<PackageOverview>()({ input: empty, access: 'staff' }),
  'packages.export': method<PackageExport>()({ input: packageExportInput, access: 'staff' }),
  'packages.shelfCheckCurrent': method<ShelfCheck | null>()({ input: empty, access: 'staff' }),
  'packages.shelfCheckStart': method<ShelfCheck>()({ input: empty, access: 'staff' }),
  'packages.shelfCheckScan': method<ShelfCheckScan>()({ input: shelfCheckScanInput, access: 'staff' }),
  'packages.shelfCheckFinish': method<ShelfCheckResult>()({ input: shelfCheckIdInput, access: 'staff' }),
  'packages.shelfCheckCancel': method<null>()({ input: shelfCheckIdInput, access: 'staff' }),
  // Unmatched: put aside with no recipient, assigned later (issue 21).
  'packages.putAside': method<PackageItem>()({ input: packagePutAsideInput, access: 'staff' }),
  'packages.assign': method<PackageItem>()({ input: packageAssignInput, access: 'staff' }),
  'packages.unmatchedCount': method<number>()({ input: empty, access: 'staff' }),
} satisfies Record<string, MethodDef>;
