import { z } from 'zod';
import { empty, id } from './common';
import { method, type MethodDef } from './define';
import { says } from './messages';

/** The activity log (audit trail): reading it and exporting it. */

/** What the Activity screen filters by: each audit action belongs to exactly one kind. */
export const activityKinds = ['door', 'packages', 'access', 'staff', 'imports', 'settings'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/**
 * The one mapping from an action's prefix (before the dot) to its kind, read by the core's filter and the
 * screen's live updates alike. A recipient's record and their PINs are access; carrier codes and the people allowed
 * to collect too (they open the door); holds and a package's photos and signatures are packages; alerts, backups, devices and the log's own export are the site's settings and upkeep.
 */
export const activityKindPrefixes: Record<ActivityKind, readonly string[]> = {
  door: ['door'],
  packages: ['package', 'hold', 'attachment'],
  access: ['access', 'recipient', 'carrier', 'proxy'],
  staff: ['staff', 'auth'],
  imports: ['roster'],
  settings: ['settings', 'devices', 'backup', 'alert', 'activity', 'site'],
};

/** The kind of an action such as `package.logged`; one whose prefix no kind lists is `settings`. */
export function activityKindOf(action: string): ActivityKind {
  const prefix = action.split('.', 1)[0]!;
  return activityKinds.find((kind) => activityKindPrefixes[kind].includes(prefix)) ?? 'settings';
}

export const activityListInput = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    beforeId: id.optional(),
    /** Only the history of one recipient. */
    recipientId: id.optional(),
    /** Only what one staff member did. */
    staffId: id.optional(),
    kind: z.enum(activityKinds).optional(),
    /** From this time (inclusive) to that one (exclusive). */
    from: z.iso.datetime({ offset: true, error: says('validation.activityFrom') }).optional(),
    to: z.iso.datetime({ offset: true, error: says('validation.activityTo') }).optional(),
    /** Words in who did it, whom or what it was about, or its details. */
    query: z.string().trim().max(100, says('validation.searchTooLong')).default(''),
  })
  .refine((v) => v.from === undefined || v.to === undefined || Date.parse(v.from) < Date.parse(v.to), {
    message: says('validation.exportRange'),
    path: ['to'],
  });

export type ActivityFilter = Omit<z.output<typeof activityListInput>, 'limit' | 'beforeId'>;

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

/**
 * Who did something, as a person reads it: a staff member or a carrier by name, the door, Packroom itself (its
 * schedules), the command line, or `other` (what was typed at a failed sign-in, kept as typed).
 */
export type ActorKind = 'staff' | 'carrier' | 'door' | 'packroom' | 'cli' | 'other';

export interface AuditEntry {
  id: number;
  at: string;
  /** As stored (a username, `door`, `system`…): the export and the chain use it. */
  actor: string;
  actorStaffId: number | null;
  action: string;
  /** As stored, e.g. `recipient:3`. */
  subject: string | null;
  details: Record<string, unknown> | null;
  kind: ActivityKind;
  actorKind: ActorKind;
  /** The staff member's display name, the carrier's name, or the typed text; null for the door, Packroom and the command line. */
  actorName: string | null;
  /** The recipient the entry is about, when it is about one that exists. */
  recipientId: number | null;
  /** Whom or what it is about, by name: "Ann Lee, 4B", a staff member's display name, a carrier code's name. */
  subjectLabel: string | null;
  /** On a node of a site: the name of the node (PC) where it happened, when that is another one; null when here. */
  node: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  /** There may be older entries that match: ask again with `beforeId: next`. */
  more: boolean;
  /**
   * Where to go on from: a filtered list reads a bounded span of the log per call (the door waits for nothing
   * longer), so a page can hold fewer than `limit` entries, even none, while older ones still match.
   */
  next: number | null;
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

/** A staff member as the Activity screen's filter offers them (inactive ones too: their entries stay). */
export interface ActivityStaff {
  id: number;
  name: string;
  active: boolean;
}

export const activityMethods = {
  'activity.list': method<AuditPage>()({ input: activityListInput, access: 'staff' }),
  'activity.staff': method<ActivityStaff[]>()({ input: empty, access: 'staff' }),
  'activity.export': method<AuditExportChunk>()({ input: activityExportInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
