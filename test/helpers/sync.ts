import type { Core } from '../../src/core';
import { recipientFields } from '../../src/domain/sync/recipients';
import { Applier, type ApplyResult } from '../../src/sync/applier';
import { eventFrom } from '../../src/sync/event';

/** Every shared column of every recipient, by uid: what every node of a site must hold alike (issue 20). */
export function sharedRecipients(core: Core): Record<string, unknown>[] {
  return core.db.prepare(`SELECT uid, ${recipientFields.join(', ')}, status FROM recipients ORDER BY uid`).all() as Record<
    string,
    unknown
  >[];
}

/**
 * Everything in `from`'s outbox, handed to the appliers of `to` (and of `more`) in order as the stream would (as
 * JSON), without a network; the outbox is emptied. Returns what became of each change at `to`.
 */
export function deliver(from: Core, to: Core, ...more: Core[]): ApplyResult[] {
  const self = from.repos.sync.node();
  const appliers = [to, ...more].map(
    (core) => new Applier({ repos: core.repos, tx: core.tx, clock: core.clock, events: core.events, alerts: core.alerts }),
  );
  return from.repos.sync.pending(10_000).map((row) => {
    from.repos.sync.published(row.seq);
    const event = JSON.stringify(eventFrom(row, { site: self.site!, nodeUid: self.nodeUid, nodeName: self.nodeName! }));
    return appliers.map((applier) => applier.receive(JSON.parse(event))).at(0)!;
  });
}
