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
