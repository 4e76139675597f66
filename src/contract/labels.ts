import { z } from 'zod';
import type { CarrierId } from './carriers';
import { empty } from './common';
import { method, type MethodDef } from './define';
import { says, type Message } from './messages';

/** Reading a parcel's label at the desk (issue 21): a camera frame or a dropped picture, read by the core's label thread. */

/**
 * A picture sent to `labels.read`. The desk sends a camera frame as a JPEG with its long side at `longSide` (a few
 * hundred KB) and scales a dropped photo down the same way; base64 and the JSON around it must stay under the HTTP
 * host's 1 MB body, so no method needs a larger one.
 */
export const labelImageLimits = { maxBytes: 720 * 1024, longSide: 1600 } as const;

const maxChars = Math.ceil(labelImageLimits.maxBytes / 3) * 4;

export const labelReadInput = z.object({
  image: z
    .string({ error: says('labels.notImage') })
    .min(1, says('labels.empty'))
    .max(maxChars, says('labels.tooLarge', { size: Math.round(labelImageLimits.maxBytes / 1024) }))
    .regex(/^[A-Za-z0-9+/]+={0,2}$/u, says('labels.notImage')),
});

/** A person as a reading names them. */
export interface LabelPerson {
  id: number;
  residentId: string | null;
  name: string;
  unit: string;
}

/** Why a candidate was offered (the screen words each). */
export type LabelWhy =
  'name' | 'surnameFirst' | 'nickname' | 'initial' | 'surnameOnly' | 'firstNameDiffers' | 'typo' | 'unit' | 'unitDiffers' | 'noUnit';

/**
 * matched: the recipient is filled in. several: more than one person fits. partial: the name fits someone in another
 * unit. none: nobody on the roster (a guest, a business, a former resident). unreadable: no ship-to block was read.
 */
export type LabelOutcome = 'matched' | 'several' | 'partial' | 'none' | 'unreadable';

/** One ship-to line as read, with the characters [start, end) of the words that matched the person shown. */
export interface ShipToLine {
  text: string;
  marks: { start: number; end: number }[];
}

export interface LabelCandidate extends LabelPerson {
  score: number;
  why: LabelWhy[];
}

/** What the desk fills in from one picture, and what it shows beside the form when it is not sure. */
export interface DeskReading {
  tracking: string | null;
  carrier: CarrierId | null;
  /** A carrier outside Packroom's own list (carrier 'other'), e.g. OnTrac. */
  carrierName: string | null;
  outcome: LabelOutcome;
  /** Set only when the desk fills the recipient in by itself. */
  recipient: LabelPerson | null;
  /** Best first, at most five. */
  candidates: LabelCandidate[];
  /** A former resident the label names, to explain a no-match ("moved out 2026-03-01"). */
  formerResident: (LabelPerson & { moveOut: string | null }) | null;
  shipTo: ShipToLine[];
  /** The reading in the label thread, from the picture's arrival to the answer. */
  ms: number;
}

/** The label reader of this core: its models load in the background after start-up (the cold start). */
export type LabelReaderStatus =
  { state: 'loading'; sinceMs: number } | { state: 'ready'; coldMs: number } | { state: 'unavailable'; reason: Message };

export const labelMethods = {
  // Staff only, like packages.log: a reading shows the roster's names.
  'labels.read': method<DeskReading>()({ input: labelReadInput, access: 'staff' }),
  'labels.status': method<LabelReaderStatus>()({ input: empty, access: 'staff' }),
} satisfies Record<string, MethodDef>;
