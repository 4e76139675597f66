import type { PackageItem, PackageSize, PackageStatus } from '../../src/contract';

export const statusLabels: Record<PackageStatus, string> = {
  waiting: 'Waiting',
  picked_up: 'Picked up',
  returned: 'Returned',
  missing: 'Missing',
};

export const statusColors: Record<PackageStatus, string> = { waiting: 'blue', picked_up: 'green', returned: 'gray', missing: 'red' };

export const sizeLabels: Record<PackageSize, string> = { small: 'Small', large: 'Large', oversized: 'Oversized' };

export const sizeOptions = (Object.keys(sizeLabels) as PackageSize[]).map((value) => ({ value, label: sizeLabels[value] }));

export const recipientLabel = (p: PackageItem) => `${p.recipient.lastName}, ${p.recipient.firstName} — ${p.recipient.unit}`;

/** How a package left: "Door entry with PIN", "Handed over to Kim (neighbour) by ada". */
export function describePickup(p: PackageItem): string {
  const pickup = p.pickup;
  if (!pickup) return '';
  const when = new Date(pickup.at).toLocaleString();
  if (pickup.via === 'door') {
    const how = { pin: 'PIN', qr: 'QR code', 'single-access-pin': 'Single Access PIN' }[pickup.credential ?? 'pin'];
    return `Door entry with ${how}, ${when}`;
  }
  const to = pickup.collectedBy ? `to ${pickup.collectedBy}` : 'to the recipient';
  return `Handed over ${to}${pickup.handedOverBy ? ` by ${pickup.handedOverBy}` : ''}, ${when}`;
}

export const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
