import { z } from 'zod';
import { firstAcknowledgement, isSharedAlert } from '../../domain/sync/alerts';
import { log } from '../../log';
import { shortText, uid } from '../wire';
import { sharedEntity } from './types';

const longText = z.string().max(10_000);

/**
 * Alerts: inserted once by uid; the first acknowledgement (time and staff member) wins (src/domain/sync/alerts.ts).
 * The standing alerts each node raises for itself are not shared.
 */
export const alertEntity = sharedEntity({
  name: 'alert',
  change: z.object({
    entity: z.literal('alert'),
    uid,
    fields: z
      .object({
        at: z.number().int(),
        kind: shortText.min(1),
        message: longText,
        message_key: shortText.nullable(),
        message_params: longText.nullable(),
        acknowledged_at: z.number().int().nullable(),
        acknowledged_by: uid.nullable(),
      })
      .partial()
      .strict(),
    status: z.null(),
  }),
  localEvents: ['alerts.changed'],
  apply(change, { repos, stamp, nodeName, emit }) {
    const shared = repos.syncShared;
    const { at, kind, message, message_key: messageKey, message_params: messageParams } = change.fields;
    let local = shared.alert(change.uid);
    if (!local) {
      if (at === undefined || kind === undefined || message === undefined) {
        log.error(`Sync: a change of node ${nodeName} acknowledges an alert this node never received; it is skipped.`);
        return;
      }
      if (!isSharedAlert(kind)) return;
      const id = shared.insertAlert(change.uid, stamp.origin, {
        at,
        kind,
        message,
        messageKey: messageKey ?? null,
        messageParams: messageParams ?? null,
      });
      local = { id, acknowledgement: null };
    }
    const { acknowledged_at: ackAt, acknowledged_by: ackBy } = change.fields;
    if (ackAt !== undefined && ackAt !== null) {
      const incoming = { stamp, at: ackAt, by: ackBy ?? null };
      if (firstAcknowledgement(local.acknowledgement, incoming) === incoming) shared.acknowledgeAlert(local.id, change.uid, incoming);
    }
    emit('alerts.changed', { open: repos.alerts.countOpen() });
  },
});
