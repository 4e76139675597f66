import { z } from 'zod';
import { empty, id, language } from './common';
import { method, type MethodDef } from './define';
import { says } from './messages';

/**
 * Shelf labels (issue 22): a small label stuck on a parcel at intake, whose QR code names the package by its global uid,
 * so a scan at any desk of the site opens the same package. The code's format and its reading live here, in the
 * contract, because the desk's screens recognise a scanned label before they ask the core anything.
 */

/** `PKR1:` and the package's uid in upper case: upper case hex and `:` fit a QR code's dense alphanumeric mode. */
export const shelfLabelPrefix = 'PKR1:';

export const shelfLabelCode = (uid: string): string => `${shelfLabelPrefix}${uid.toUpperCase()}`;

// What a USB scanner in keyboard mode adds (see src/domain/packages/tracking.ts): control characters, an AIM
// symbology identifier (]Q1 for a QR code), upper or lower case (Caps Lock). A scanner set up for a US keyboard on a PC with a Spanish layout types
// the colon's key as Ñ, and one set for Spanish on a US layout as ; — the label still reads.
// eslint-disable-next-line no-control-regex -- control characters are exactly what scanners add.
const scannerAdditions = /[\u0000-\u001f\u007f-\u009f]/g;
const labelPattern = /^(?:\][a-z][0-9a-z])?PKR1[:;ñ]([0-9a-f]{32})$/i;

/** The package uid a scanned or typed shelf label names (lower case, as stored), or null when the text is not one. */
export function parseShelfLabel(text: string): string | null {
  const found = labelPattern.exec(text.replace(scannerAdditions, '').trim());
  return found ? found[1]!.toLowerCase() : null;
}

export const shelfLabelSizes = ['62mm', '4x6'] as const;
export type ShelfLabelSize = (typeof shelfLabelSizes)[number];
export const shelfLabelSize = z.enum(shelfLabelSizes, { error: says('validation.labelSize') });

/** At most this many labels in one batch: a day's intake of a large building, and a page the printer takes at once. */
export const shelfLabelBatchMax = 200;

export const shelfLabelSheetInput = z.object({
  ids: z
    .array(id, { error: says('validation.packagesAtLeastOne') })
    .min(1, says('validation.packagesAtLeastOne'))
    .max(shelfLabelBatchMax, says('validation.labelsAtMost', { max: shelfLabelBatchMax })),
  /** The language of the label's few words and its date; the staff member's. */
  language,
  /** Absent: this computer's label size (Settings → This computer). */
  size: shelfLabelSize.optional(),
});

export const shelfLabelFindInput = z.object({
  code: z.string({ error: says('validation.shelfLabel') }).max(200, says('validation.shelfLabel')),
});

export const shelfLabelPrintOnIntakeInput = z.object({ on: z.boolean() });

/** One batch of labels as a print-ready page: one label per page, its `@page` size the label's. */
export interface ShelfLabelSheet {
  html: string;
  count: number;
  size: ShelfLabelSize;
}

/** This computer's label printing, as the desk needs it. */
export interface ShelfLabelSettings {
  printOnIntake: boolean;
  size: ShelfLabelSize;
}

export const shelfLabelMethods = {
  'shelfLabels.sheet': method<ShelfLabelSheet>()({ input: shelfLabelSheetInput, access: 'staff' }),
  /** The package a scanned shelf label names; NOT_FOUND when this desk has no such package (yet). */
  'shelfLabels.find': method<{ id: number }>()({ input: shelfLabelFindInput, access: 'staff' }),
  'shelfLabels.settings': method<ShelfLabelSettings>()({ input: empty, access: 'staff' }),
  /** Intake's "Print shelf label", remembered on this computer: any staff member sets it, as they use it. */
  'shelfLabels.setPrintOnIntake': method<ShelfLabelSettings>()({ input: shelfLabelPrintOnIntakeInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
