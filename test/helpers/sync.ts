import type { Core } from '../../src/core';
import { recipientFields } from '../../src/domain/sync/recipients';

/** Every shared column of every recipient, by uid: what every node of a site must hold alike (issue 20). */
export function sharedRecipients(core: Core): Record<string, unknown>[] {
  return core.db.prepare(`SELECT uid, ${recipientFields.join(', ')}, status FROM recipients ORDER BY uid`).all() as Record<
    string,
    unknown
  >[];
}
