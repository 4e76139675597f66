import { z } from 'zod';
import { id } from './common';
import { method, type MethodDef } from './define';
import { says } from './messages';

/** The activity log (audit trail): reading it and exporting it. */
export const activityListInput = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  beforeId: id.optional(),
  /** Only the history of one recipient. */
  recipientId: id.optional(),
});

export const activityExportInput = z
  .object({
    from: z.iso.datetime({ offset: true, error: says('validation.exportFrom') }),
    to: z.iso.datetime({ offset: true, error: says('validation.exportTo') }),
    /** Only the door's own events: grants, denials, lockouts, staff openings, PIN requests, door alerts. */
    doorOnly: z.boolean().default(false),
    /** Where the previous piece ended (its `nextAfterId`); absent for the first piece. */
    afterId: z.number().int().min(0).optional(),
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: says('validation.exportRange'), path: ['to'] });

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditEntry[];
  more: boolean;
}

export type AuditExportInput = { from: string; to: string; doorOnly: boolean; afterId?: number | undefined };

/** One piece of an audit export: CSV text (the header row comes with the first piece). */
export interface AuditExportChunk {
  csv: string;
  rows: number;
  /** Ask again with this as `afterId`; null when the export is complete. */
  nextAfterId: number | null;
  /** The newest audit row id, for showing progress. */
  lastId: number;
}

export const activityMethods = {
  'activity.list': method<AuditPage>()({ input: activityListInput, access: 'staff' }),
  'activity.export': method<AuditExportChunk>()({ input: activityExportInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
