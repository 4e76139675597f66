import {
  carrierIds,
  carrierLabels,
  type CarrierId,
  type PackageItem,
  type PackageRecipient,
  type PackageSize,
  type PackageStatus,
} from '../../src/contract';
import { formatDateTime, i18n } from '../i18n';

const t = i18n.t.bind(i18n);

export const statusLabel = (status: PackageStatus) => t(`packages.status.${status}`);

export const statusColors: Record<PackageStatus, string> = { waiting: 'blue', picked_up: 'green', returned: 'gray', missing: 'red' };

const sizes: PackageSize[] = ['small', 'large', 'oversized'];

export const sizeOptions = () => sizes.map((value) => ({ value, label: t(`packages.size.${value}`) }));

/** Carriers by their brand names, which stay as they are in every language; only "Other" is translated. */
export const carrierLabel = (id: CarrierId) => (id === 'other' ? t('packages.otherCarrier') : carrierLabels[id]);

export const carrierOptions = () => carrierIds.map((id) => ({ value: id, label: carrierLabel(id) }));

/** A package with its recipient: every one but those put aside and not assigned yet. */
export type AssignedPackage = PackageItem & { recipient: PackageRecipient };

export const isAssigned = (p: PackageItem): p is AssignedPackage => p.recipient !== null;

export const personLabel = (r: Pick<PackageRecipient, 'firstName' | 'lastName' | 'unit'>) => `${r.lastName}, ${r.firstName} — ${r.unit}`;

/** "Lopez, Ana — 1A"; "Unmatched" for a package put aside and not assigned yet. */
export const recipientLabel = (p: PackageItem) => (p.recipient ? personLabel(p.recipient) : t('packages.unmatched.nobody'));

/** How a package left: "Door entry with PIN", "Handed over to Kim (neighbour) by ada". */
export function describePickup(p: PackageItem): string {
  const pickup = p.pickup;
  if (!pickup) return '';
  const when = formatDateTime(pickup.at);
  if (pickup.via === 'door') {
    const how = { pin: 'pin', qr: 'qr', 'single-access-pin': 'single' }[pickup.credential ?? 'pin'];
    return t('packages.pickup.door', { how: t(`packages.pickup.${how}`), when });
  }
  const staff = pickup.handedOverBy;
  if (pickup.collectedBy) {
    return staff
      ? t('packages.pickup.toPersonBy', { name: pickup.collectedBy, staff, when })
      : t('packages.pickup.toPerson', { name: pickup.collectedBy, when });
  }
  return staff ? t('packages.pickup.toRecipientBy', { staff, when }) : t('packages.pickup.toRecipient', { when });
}

export const days = (count: number) => t('packages.days', { count });
