import { carrierLabels, type PackageItem, type PackagePutAside, type PackageRecipient } from '../../contract';
import type { AnyPackageRow, PackageRow } from '../../db/repositories/packages';
import type { RecipientRow } from '../../db/repositories/recipients';
import { ageDays } from '../../domain/packages/age';
import { parseReading } from '../../domain/packages/unmatched';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export const carrierLabel = (p: Pick<PackageRow, 'carrier' | 'carrierName'>): string =>
  p.carrier === 'other' ? (p.carrierName ?? carrierLabels.other) : carrierLabels[p.carrier];

export const recipientName = (p: Pick<PackageRow, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;

/** A recipient by uid on this node (a put-aside reading names its candidates so); undefined when not here. */
export type PersonByUid = (uid: string) => RecipientRow | undefined;

/** The uid of a package's label photo, if it has one. */
export type LabelPhoto = (packageId: number) => string | null;

const asRecipient = (r: Pick<RecipientRow, 'id' | 'firstName' | 'lastName' | 'unit' | 'status'>): PackageRecipient => ({
  id: r.id,
  firstName: r.firstName,
  lastName: r.lastName,
  unit: r.unit,
  active: r.status === 'active',
});

function putAside(p: AnyPackageRow, person: PersonByUid, photo: LabelPhoto): PackagePutAside | null {
  if (p.putAsideAt === null) return null;
  const reading = parseReading(p.reading);
  const candidates: PackagePutAside['candidates'] = [];
  for (const c of reading.candidates) {
    // A candidate who is not on this desk's roster (removed, or not arrived from another desk yet) cannot be chosen.
    const r = person(c.uid);
    if (r) candidates.push({ recipient: asRecipient(r), score: c.score, why: c.why });
  }
  return {
    at: iso(p.putAsideAt)!,
    by: p.putAsideByName ?? p.loggedByName,
    outcome: reading.outcome,
    shipTo: reading.shipTo,
    candidates,
    assigned: p.assignedAt === null ? null : { at: iso(p.assignedAt)!, by: p.assignedByName ?? '' },
    photoUid: photo(p.id),
  };
}

export function toItem(p: AnyPackageRow, now: number, person: PersonByUid, photo: LabelPhoto): PackageItem {
  return {
    id: p.id,
    tracking: p.tracking,
    carrier: p.carrier,
    carrierLabel: carrierLabel(p),
    recipient:
      p.recipientId === null
        ? null
        : asRecipient({ id: p.recipientId, firstName: p.firstName, lastName: p.lastName, unit: p.unit, status: p.recipientStatus }),
    shelf: p.shelf,
    size: p.size,
    perishable: p.perishable,
    signatureRequired: p.signatureRequired,
    note: p.note,
    status: p.status,
    returnToSender: p.status === 'waiting' && p.recipientStatus !== null && p.recipientStatus !== 'active',
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
    putAside: putAside(p, person, photo),
  };
}
