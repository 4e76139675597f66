import type { z } from 'zod';
import { ApiError, message, parseShelfLabel, type ShelfLabelSettings, type ShelfLabelSheet } from '../../contract';
import type { shelfLabelSheetInput } from '../../contract/shelfLabels';
import type { Repositories } from '../../db/repositories';
import { shelfLabelContent } from '../../domain/packages/shelfLabel';
import type { Actor } from '../audit/service';
import type { PackageService } from '../packages/service';
import type { SettingsService } from '../settings/service';
import { labelSheet } from './sheet';

export interface ShelfLabelDeps {
  repos: Pick<Repositories, 'shelfLabels'>;
  packages: PackageService;
  settings: SettingsService;
}

/**
 * Shelf labels: the printable page of a batch, and the package a scanned label names. Printing itself is the screen's
 * the screen's, through the system's print dialog (which knows the printers): the core never waits on a printer.
 */
export class ShelfLabelService {
  constructor(private readonly deps: ShelfLabelDeps) {}

  settings(): ShelfLabelSettings {
    const s = this.deps.settings.values();
    return { printOnIntake: s.labelPrintOnIntake, size: s.labelSize };
  }

  /** Intake's "Print shelf label" switch, kept on this computer (a local setting, audited as any setting). */
  setPrintOnIntake(actor: Actor, on: boolean): ShelfLabelSettings {
    this.deps.settings.update(actor, { labelPrintOnIntake: on });
    return this.settings();
  }

  async sheet(input: z.output<typeof shelfLabelSheetInput>): Promise<ShelfLabelSheet> {
    const ids = [...new Set(input.ids)];
    const uids = this.deps.repos.shelfLabels.uids(ids);
    const labels = ids.map((id) => {
      const uid = uids.get(id);
      if (uid === undefined) throw new ApiError('NOT_FOUND', message('shelfLabel.packageGone'), 'ids');
      const p = this.deps.packages.get(id);
      // A parcel put aside (no recipient yet) gets a label too: it says so, and its code finds it once assigned.
      const recipient = p.recipient ?? { firstName: '', lastName: '', unit: '' };
      return shelfLabelContent({ uid, ...recipient, tracking: p.tracking, shelf: p.shelf, loggedAt: Date.parse(p.loggedAt) });
    });
    const size = input.size ?? this.settings().size;
    return { html: await labelSheet(labels, size, input.language), count: labels.length, size };
  }

  /** The package a scanned label names; a text that is no label is refused as such. */
  find(code: string): { id: number } {
    const uid = parseShelfLabel(code);
    if (uid === null) throw new ApiError('VALIDATION', message('validation.shelfLabel'), 'code');
    const id = this.deps.repos.shelfLabels.idByUid(uid);
    if (id === undefined) throw new ApiError('NOT_FOUND', message('shelfLabel.unknown'), 'code');
    return { id };
  }

  /**
   * What the shelf check records for a scan: a shelf label stands for its package's tracking number, so the carrier's
   * barcode and the label of one parcel count once; anything else is the carrier's barcode, as scanned.
   */
  trackingOf(scanned: string): string {
    if (parseShelfLabel(scanned) === null) return scanned;
    return this.deps.packages.get(this.find(scanned).id).tracking;
  }
}
