import type { CarrierId } from '../../contract/carriers';
import type { Outcome, Why } from '../../domain/labels/match';
import type { ImageProblem } from './limits';

/** A person as a reading names them. */
export interface LabelPerson {
  id: number;
  residentId: string | null;
  name: string;
  unit: string;
}

/** What reading one picture gave: what the desk fills in, and what it shows when it is not sure. */
export interface LabelReading {
  /** Set when the file could not be read as a picture at all (the rest is then empty). */
  problem: ImageProblem | null;
  tracking: string | null;
  carrier: CarrierId | null;
  /** A carrier outside Packroom's own list (carrier 'other'), e.g. OnTrac. */
  carrierName: string | null;
  trackingFrom: 'barcode' | 'printed' | null;
  outcome: Outcome;
  /** Non-null only when the desk fills the recipient in by itself. */
  recipient: LabelPerson | null;
  candidates: (LabelPerson & { score: number; why: Why[] })[];
  confidence: number;
  formerResident: (LabelPerson & { moveOut: string | null }) | null;
  /** The ship-to name lines as read, for the screen to show beside the form. */
  shipTo: string[];
  /** From the picture's arrival in the thread to the answer. */
  ms: number;
}
