import { carrierLabels, type PackageItem } from '../../contract';
import type { PackageRow } from '../../db/repositories/packages';
import { ageDays } from '../../domain/packages/age';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export const carrierLabel = (p: Pick<PackageRow, 'carrier' | 'carrierName'>): string =>
  p.carrier === 'other' ? (p.carrierName ?? carrierLabels.other) : carrierLabels[p.carrier];

export const recipientName = (p: Pick<PackageRow, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;

export function toItem(p: PackageRow, now: number): PackageItem {
  return {
    id: p.id,
    tracking: p.tracking,
    carrier: p.carrier,
    carrierLabel: carrierLabel(p),
    recipient: { id: p.recipientId, firstName: p.firstName, lastName: p.lastName, unit: p.unit, active: p.recipientStatus === 'active' },
    shelf: p.shelf,
    size: p.size,
    perishable: p.perishable,
    note: p.note,
    status: p.status,
    returnToSender: p.status === 'waiting' && p.recipientStatus !== 'active',
    loggedAt: new Date(p.loggedAt).toISOString(),
    loggedBy: p.loggedByName,
    ageDays: ageDays(p.loggedAt, p.status === 'waiting' || p.status === 'missing' ? now : (p.pickedUpAt ?? p.returnedAt ?? now)),
    pickup:
      p.pickedUpAt === null || p.pickedUpVia === null
        ? null
        : {
            at: iso(p.pickedUpAt)!,
            via: p.pickedUpVia,
            credential: p.pickedUpCredential,
            collectedBy: p.collectedBy,
            handedOverBy: p.handedOverByName,
          },
    returned: p.returnedAt === null ? null : { at: iso(p.returnedAt)!, reason: p.returnReason ?? '' },
    // Filled in by the package service where it is shown (lists, detail, intake), from the recipient's holds.
    hold: null,
  };
}
