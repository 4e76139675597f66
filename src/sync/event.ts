import { z } from 'zod';
import type { OutboxChange } from '../db/repositories/sync';
import { hlc, syncName, uid } from './wire';

/**
 * The change event as it crosses NATS (docs/architecture.md, "The change event"): built from an outbox row by
 * the publisher, checked with zod by every applier before it touches the database: the envelope here, the rest by
 * the schema of its entity (src/sync/entities/).
 */

/** What every version of the event has: enough to acknowledge, skip or hold it without reading the rest. */
export const eventEnvelope = z.object({
  v: z.number().int().positive(),
  site: syncName,
  origin: uid,
  node: syncName,
  seq: z.number().int().positive(),
  hlc,
});

/**
 * The version this Packroom writes, and the newest it reads. 2: a credential's creation names its creator
 * (`created_by_uid`), which an entity schema of version 1 refuses as an unknown field and would skip: a node of
 * version 1 holds every version-2 change instead, until it is updated, and loses none.
 */
export const eventVersion = 2;

/** An event of a version this Packroom reads: the envelope and an entity's change, not yet checked against that entity's schema. */
export const changeEvent = eventEnvelope.extend({
  v: z.number().int().min(1).max(eventVersion),
  entity: z.string().min(1).max(40),
  uid,
  fields: z.record(z.string(), z.unknown()),
  status: z.unknown(),
});

export type ChangeEvent = z.infer<typeof changeEvent>;

export const streamName = (site: string): string => `PACKROOM_${site}`;
export const siteSubjects = (site: string): string => `packroom.${site}.changes.>`;
export const nodeSubject = (site: string, node: string): string => `packroom.${site}.changes.${node}`;
/** JetStream drops a second message with the same id inside its duplicate window: a resend after a lost ack. */
export const messageId = (origin: string, seq: number): string => `${origin}:${seq}`;

/**
 * The event for one outbox row of this node. `status` travels as `{ value, ...base }` when the row has one:
 * the entity's words for its new status, and what its rule needs with it (a recipient's activation: `base`).
 */
export function eventFrom(row: OutboxChange, node: { site: string; nodeUid: string; nodeName: string }): ChangeEvent {
  return {
    v: eventVersion,
    site: node.site,
    origin: node.nodeUid,
    node: node.nodeName,
    seq: row.seq,
    hlc: row.hlc,
    entity: row.entity,
    uid: row.uid,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    status: row.status === null ? null : { value: row.status, ...(row.base === null ? {} : { base: JSON.parse(row.base) as unknown }) },
  };
}
