import { csvLine } from '../../domain/packages/csv';
import type { AnyPackageRow } from '../../db/repositories/packages';
import { carrierLabel } from './items';

const header = [
  'Tracking number',
  'Carrier',
  'Recipient',
  'Unit',
  'Shelf',
  'Size',
  'Perishable',
  'Note',
  'Status',
  'Logged at',
  'Logged by',
  'Picked up at',
  'Picked up how',
  'Collected by',
  'Handed over by',
  'Returned at',
  'Return reason',
];

const statusWords = { waiting: 'Waiting', picked_up: 'Picked up', returned: 'Returned', missing: 'Missing' } as const;
const credentialWords = { pin: 'PIN', qr: 'QR code', 'single-access-pin': 'Single Access PIN' } as const;

/** Times as local date and time, as a spreadsheet reads them: 2026-11-26 20:05. */
function localTime(t: number | null): string | null {
  if (t === null) return null;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function pickupHow(p: AnyPackageRow): string | null {
  if (p.pickedUpVia === 'door') return `Door entry (${p.pickedUpCredential ? credentialWords[p.pickedUpCredential] : 'code'})`;
  if (p.pickedUpVia === 'desk') return 'At the desk';
  return null;
}

export const csvHeader = (): string => csvLine(header);

/** An unmatched package (put aside, not assigned yet) has an empty recipient and unit. */
export function csvRow(p: AnyPackageRow): string {
  return csvLine([
    p.tracking,
    carrierLabel(p),
    p.recipientId === null ? null : `${p.firstName} ${p.lastName}`,
    p.unit,
    p.shelf,
    p.size[0]!.toUpperCase() + p.size.slice(1),
    p.perishable ? 'Yes' : 'No',
    p.note,
    statusWords[p.status],
    localTime(p.loggedAt),
    p.loggedByName,
    localTime(p.pickedUpAt),
    pickupHow(p),
    p.collectedBy,
    p.handedOverByName,
    localTime(p.returnedAt),
    p.returnReason,
  ]);
}
