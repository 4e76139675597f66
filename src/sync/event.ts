import { z } from 'zod';
import { syncNamePattern } from '../domain/sync/names';
import type { OutboxChange } from '../db/repositories/sync';

/**
 * The change event as it crosses NATS (docs/architecture.md, "The change event"): built from an outbox row by
 * the publisher, checked with zod by every applier before it touches the database.
 */

const uid = z.string().regex(/^[0-9a-f]{32}$/);
const name = z.string().regex(syncNamePattern);
const hlc = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(1000);

/** What every version of the event has: enough to acknowledge, skip or hold it without reading the rest. */
export const eventEnvelope = z.object({
  v: z.number().int().positive(),
  site: name,
  origin: uid,
  node: name,
  seq: z.number().int().positive(),
  hlc,
});

export const eventVersion = 1;

const recipientValues = z
  .object({
    external_id: shortText.nullable(),
    first_name: shortText,
    last_name: shortText,
    unit: shortText,
    email: shortText.nullable(),
    phone: shortText.nullable(),
    manually_edited: z.union([z.literal(0), z.literal(1)]),
    created_at: z.number().int(),
    move_in: shortText.nullable(),
    move_out: shortText.nullable(),
    language: shortText.nullable(),
    package_notices: z.enum(['email', 'sms', 'both']).nullable(),
  })
  .partial()
  .strict();

export const changeEvent = eventEnvelope.extend({
  v: z.literal(eventVersion),
  entity: z.literal('recipient'),
  uid,
  fields: recipientValues,
  status: z
    .discriminatedUnion('value', [
      z.object({ value: z.literal('inactive') }),
      z.object({ value: z.literal('active'), base: z.record(uid, hlc) }),
    ])
    .nullable(),
});

export type ChangeEvent = z.infer<typeof changeEvent>;

export const streamName = (site: string): string => `PACKROOM_${site}`;
export const siteSubjects = (site: string): string => `packroom.${site}.changes.>`;
export const nodeSubject = (site: string, node: string): string => `packroom.${site}.changes.${node}`;
/** JetStream drops a second message with the same id inside its duplicate window: a resend after a lost ack. */
export const messageId = (origin: string, seq: number): string => `${origin}:${seq}`;

/** The event for one outbox row of this node. */
export function eventFrom(row: OutboxChange, node: { site: string; nodeUid: string; nodeName: string }): ChangeEvent {
  const status: ChangeEvent['status'] =
    row.status === 'inactive'
      ? { value: 'inactive' }
      : row.status === 'active'
        ? { value: 'active', base: row.base === null ? {} : (JSON.parse(row.base) as Record<string, number>) }
        : null;
  return {
    v: eventVersion,
    site: node.site,
    origin: node.nodeUid,
    node: node.nodeName,
    seq: row.seq,
    hlc: row.hlc,
    entity: row.entity,
    uid: row.uid,
    fields: JSON.parse(row.fields) as ChangeEvent['fields'],
    status,
  };
}
