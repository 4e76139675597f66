import { z } from 'zod';
import { toAuditEntry } from '../../services/audit/service';
import { shortText, uid } from '../wire';
import { sharedEntity } from './types';

/** The kinds of subject whose record travels with its uid (migration 0020), and the table that holds it here. */
const subjectTables = { recipient: 'recipients', staff: 'staff', alert: 'alerts' } as const;

/**
 * The audit trail: every node's chain is copied row for row, as its node wrote and hashed it (origin, id, actor,
 * subject, details, hash), never re-hashed into this node's own; `packroom audit verify` checks each chain. The
 * staff member and the subject it names are found here by uid, for the Activity screen.
 */
export const auditEntity = sharedEntity({
  name: 'audit',
  change: z.object({
    entity: z.literal('audit'),
    uid,
    fields: z
      .object({
        id: z.number().int().positive(),
        at: z.number().int(),
        actor_staff_id: z.number().int().nullable(),
        actor: shortText,
        action: shortText,
        subject: shortText.nullable(),
        details: z.string().max(100_000).nullable(),
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        actor_uid: uid.nullable(),
        subject_uid: uid.nullable(),
      })
      .strict(),
    status: z.null(),
  }),
  // Every audited change says so after its commit.
  localEvents: ['activity.appended'],
  apply(change, { repos, stamp, emit }) {
    const f = change.fields;
    const shared = repos.syncShared;
    const kind = f.subject?.slice(0, f.subject.indexOf(':')) ?? '';
    const table = Object.hasOwn(subjectTables, kind) ? subjectTables[kind as keyof typeof subjectTables] : null;
    const subjectId = table && f.subject_uid ? shared.localId(table, f.subject_uid) : undefined;
    const id = repos.audit.insertForeign({
      origin: stamp.origin,
      chain: {
        id: f.id,
        at: f.at,
        actorStaffId: f.actor_staff_id,
        actor: f.actor,
        action: f.action,
        subject: f.subject,
        details: f.details,
        hash: Buffer.from(f.hash, 'hex'),
      },
      actorStaffId: f.actor_uid ? (shared.localId('staff', f.actor_uid) ?? null) : null,
      subject: subjectId === undefined ? null : `${kind}:${subjectId}`,
    });
    if (id === null) return;
    const row = repos.audit.listed(id);
    if (row) emit('activity.appended', toAuditEntry(row, row));
  },
});
