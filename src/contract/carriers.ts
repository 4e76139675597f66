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
