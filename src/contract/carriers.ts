import { z } from 'zod';
import { empty, id, idInput, optionalText, required, type Field } from './common';
import { method, type MethodDef } from './define';
import { says } from './messages';

/** The parcel carriers Packroom knows by name; anything else is 'other' with a free-text name. */
export const carrierIds = ['ups', 'fedex', 'usps', 'amazon', 'dhl', 'other'] as const;
export type CarrierId = (typeof carrierIds)[number];

export const carrierLabels: Record<CarrierId, string> = {
  ups: 'UPS',
  fedex: 'FedEx',
  usps: 'USPS',
  amazon: 'Amazon',
  dhl: 'DHL',
  other: 'Other',
};

/** Days of the week as carrier-code windows name them, Monday first (as the Settings screen lists them). */
export const weekdayIds = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdayIds)[number];

export const weekdayLabels: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

// ---- Carrier access: the door codes carriers use ----

const clockTime = (field: Field) =>
  z
    .string({ error: required(field) })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, says('validation.clockTime', { field }));

export const carrierCodeAddInput = z
  .object({
    carrier: z.enum(carrierIds, { error: says('validation.carrierChoice') }),
    /** Required for 'other'; ignored for the named carriers. */
    name: optionalText('carrierName', 40),
    days: z
      .array(z.enum(weekdayIds, { error: says('validation.carrierDays') }), { error: says('validation.carrierAtLeastOneDay') })
      .min(1, says('validation.carrierAtLeastOneDay'))
      .max(7, says('validation.carrierDaysOnce')),
    from: clockTime('from'),
    until: clockTime('until'),
    /** The last day the code works (local date); null or absent: no end date. */
    untilDate: z.iso
      .date({ error: says('validation.carrierEndDate') })
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.carrier === 'other' && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: says('validation.carrierName') });
    if (v.from === v.until) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: says('validation.carrierUntilSameAsFrom') });
    }
  });

export const carrierCodeLookupInput = z.object({
  id,
  identityVerified: z.literal(true, { error: says('validation.carrierIdentityVerified') }),
});

/** A carrier's door code and when it works; the code itself is shown only when issued or looked up. */
export interface CarrierCode {
  id: number;
  carrier: CarrierId;
  /** 'UPS', or the name typed for Other. */
  name: string;
  days: Weekday[];
  /** HH:MM, this computer's local time; `until` earlier than `from` crosses midnight. */
  from: string;
  until: string;
  /** YYYY-MM-DD, the last day it works; null: no end date. */
  untilDate: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface CarrierCodeIssued {
  carrierCode: CarrierCode;
  code: string;
}

export interface CarrierCodeLookup {
  code: string;
  createdAt: string;
}

export const carrierMethods = {
  // Settings → Carrier access: admin only, like the rest of Settings.
  'carrierCodes.list': method<CarrierCode[]>()({ input: empty, access: 'admin' }),
  'carrierCodes.add': method<CarrierCodeIssued>()({ input: carrierCodeAddInput, access: 'admin' }),
  'carrierCodes.regenerate': method<CarrierCodeIssued>()({ input: idInput, access: 'admin' }),
  'carrierCodes.revoke': method<null>()({ input: idInput, access: 'admin' }),
  'carrierCodes.lookup': method<CarrierCodeLookup>()({ input: carrierCodeLookupInput, access: 'admin' }),
} satisfies Record<string, MethodDef>;
