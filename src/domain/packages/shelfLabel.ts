import { shelfLabelCode } from '../../contract/shelfLabels';

/** What a package's shelf label says, in the order a person reads it at the shelf. Pure. */
export interface ShelfLabelContent {
  /** What the QR code carries: `PKR1:` and the package's global uid, the same at every desk of the site. */
  code: string;
  /** The tracking number's last four characters, printed large: what staff read off a full shelf. */
  lastFour: string;
  name: string;
  unit: string;
  shelf: string | null;
  /** When it was logged (ms since the epoch); the sheet writes it in the reader's language. */
  loggedAt: number;
}

export interface LabelledPackage {
  uid: string;
  tracking: string;
  firstName: string;
  lastName: string;
  unit: string;
  shelf: string | null;
  loggedAt: number;
}

export function shelfLabelContent(p: LabelledPackage): ShelfLabelContent {
  return {
    code: shelfLabelCode(p.uid),
    lastFour: p.tracking.slice(-4),
    name: `${p.firstName} ${p.lastName}`.trim(),
    unit: p.unit,
    shelf: p.shelf,
    loggedAt: p.loggedAt,
  };
}
