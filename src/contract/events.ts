/**
 * Events the core pushes to the signed-in UIs (src/services/delivery.ts), with their payloads. Kept free of zod so the
 * sandboxed Electron preload can bundle the names without the schemas.
 */
import type { AuditEntry } from './activity';
import type { BackupHealth } from './backups';
import type { DeviceRole } from './devices';
import type { DoorEvent, DoorStatus } from './door';
import type { RosterProgress, RosterRun } from './roster';
import type { SiteStatus } from './site';

export interface Events {
  'activity.appended': AuditEntry;
  'recipients.changed': { id: number };
  'notifications.changed': { recipientId: number };
  'access.changed': { recipientId: number };
  'door.event': DoorEvent;
  'door.status': DoorStatus;
  'alerts.changed': { open: number };
  /** What the header's backup badge says changed: a backup ran, the passphrase or folder was set, the folder check found or cleared a problem. */
  'backups.health': BackupHealth;
  /**
   * A key (or a scan) came from a door device: sent only to the admin identifying a device in Settings →
   * Devices, while it identifies, and never which key (a PIN or a resident's QR code would show).
   */
  'devices.key': { role: DeviceRole };
  'roster.progress': RosterProgress;
  /** An import was applied: screens listing recipients reload once rather than once per recipient. */
  'roster.applied': RosterRun;
  /** A package was logged, changed, picked up or returned: lists and the Overview reload. */
  'packages.changed': { recipientIds: number[] };
  /** A recipient's hold was set, cancelled or ended (here or on another computer of the site): the Hold card reloads. */
  'holds.changed': { recipientId: number };
  /** On a node of a site: the connection to the other computers came or went, or the count of changes waiting to be sent moved. */
  'site.status': SiteStatus;
  /** A staff account changed on another computer of the site (sync): its sessions here end if it lost access. */
  'staff.changed': { id: number };
  /** Site settings changed on another computer of the site (sync): the core reloads them, screens show them again. */
  'settings.changed': Record<string, never>;
  /** Sent to one stream only, last: its session was signed out, locked, or its person's password changed or was deactivated. */
  'session.ended': Record<string, never>;
}
export type EventName = keyof Events;
export const eventNames = [
  'activity.appended',
  'recipients.changed',
  'notifications.changed',
  'access.changed',
  'door.event',
  'door.status',
  'alerts.changed',
  'backups.health',
  'devices.key',
  'roster.progress',
  'roster.applied',
  'packages.changed',
  'holds.changed',
  'site.status',
  'staff.changed',
  'settings.changed',
  'session.ended',
] as const satisfies readonly EventName[];

// Fails to compile, naming the event, when Events gains an event the list lacks.
type Unlisted = Exclude<EventName, (typeof eventNames)[number]>;
export const everyEventListed: [Unlisted] extends [never] ? true : Unlisted = true;
