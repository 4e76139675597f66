import { compareStamps, type Stamp } from './hlc';

/**
 * Which settings a site shares and how a change from another node ends in one (docs/architecture.md, the conflict
 * table). Pure.
 */

/**
 * The keys of the `settings` table that belong to one PC and never travel: what is bound to this machine (its door
 * devices and how long its relay holds, the folders it reads and writes, when its own schedules run) and the rows
 * the table keeps for this installation (its backups' identity, its data key check). Every other key is the site's.
 * The one list: migration 0020's capture triggers repeat it, and test/integration/syncShared.test.ts fails when
 * they disagree.
 */
export const localSettingKeys = [
  // The USB keypad, reader and relay assigned on this PC, and the pulse of its own door's strike.
  'devices.assignments',
  'doorPulseSeconds',
  // Folders on this PC's disks, and the times this PC's schedules run: the daily import runs on the one node whose
  // folder is set (a roster imported on two nodes offline would create its people twice), the nightly backup
  // writes each node's own database to its own stick or share.
  'importFolder',
  'importTime',
  'importScheduleEnabled',
  'backupFolder',
  'backupTime',
  'backupKeep',
  // The label size of the printer plugged into this PC, and whether its intake prints a label.
  'labelSize',
  'labelPrintOnIntake',
  // This installation's rows: the identity its backup files carry, and the check of its data key.
  'backup.siteId',
  'dataKey.check',
] as const;

const local: ReadonlySet<string> = new Set(localSettingKeys);

export const isSiteSetting = (key: string): boolean => !local.has(key);

/** Per key, the later stamp wins (last writer wins by HLC, the origin breaking ties): true when `incoming` does. */
export const settingWins = (current: Stamp | null, incoming: Stamp): boolean => compareStamps(incoming, current) > 0;
