import type { CarrierId, Weekday } from './carriers';
import type { StaffRole } from './define';
import type { ApiErrorBody } from './errors';
import type { DeviceErrorKind } from './devices';
import type { Language } from './languages';
import type { Message } from './messages';

/** Every transport carries results in this envelope, so error details survive IPC and HTTP alike. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

export interface SessionInfo {
  staffId: number;
  username: string;
  displayName: string;
  role: StaffRole;
  locked: boolean;
  /** The staff member's own choice; null follows the site language. */
  language: Language | null;
}

export interface AuthStatus {
  setupRequired: boolean;
  session: SessionInfo | null;
  idleLockMinutes: number;
  siteName: string;
  siteLanguage: Language;
}

export interface StaffAccount {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  createdAt: string;
}

export type RecipientStatus = 'active' | 'inactive';

export interface Recipient {
  id: number;
  externalId: string | null;
  firstName: string;
  lastName: string;
  unit: string;
  email: string | null;
  /** E.164, e.g. +14155550123. */
  phone: string | null;
  /** The language messages to this recipient are written in; null follows the site language. */
  language: Language | null;
  /** Where package notices go; null: every channel on file. */
  packageNotices: NotifyVia | null;
  status: RecipientStatus;
  createdAt: string;
  updatedAt: string;
}

export type RecipientSummary = Pick<Recipient, 'id' | 'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'status'>;

export interface RecipientPage {
  items: RecipientSummary[];
  /** True when more rows match than were returned. */
  more: boolean;
}

export interface Settings {
  siteName: string;
  siteLanguage: Language;
  idleLockMinutes: number;
  defaultCountry: string;
  doorPulseSeconds: number;
  lookupPinEnabled: boolean;
  /** "Single Access PIN Request": recipients may ask for a PIN at the keypad with * phone #. */
  singleAccessPinRequest: boolean;
  /** With the password shown as ********. */
  smtpUrl: string | null;
  mailFrom: string | null;
  twilioAccountSid: string | null;
  /** The token itself is never sent back; only whether one is stored. */
  twilioAuthTokenSet: boolean;
  twilioFrom: string | null;
  twilioApiUrl: string | null;
  /** Send PIN and QR code to residents an import adds or brings back. */
  importWelcomeNotifications: boolean;
  /** Share of active imported recipients (0.2 = 20%) an import may deactivate without an admin's confirmation. */
  importMaxDeactivateShare: number;
  importManualPolicy: ImportManualPolicy;
  /** The folder the daily import reads the newest CSV or Excel file from. */
  importFolder: string | null;
  /** HH:MM on a 24-hour clock, this computer's local time. */
  importTime: string;
  importScheduleEnabled: boolean;
  importPreset: RosterPreset;
  /** Packages logged for one recipient within this many minutes go out as one notice (0: each at once). */
  packageNoticeBatchMinutes: number;
  /** "Include PIN and QR code in package notices". */
  packageNoticeIncludePin: boolean;
  /** "Remind recipients after (days)", e.g. "2, 5"; empty for no reminders. */
  packageReminderDays: string;
  /** Staff get an alert for a package waiting this many days. */
  packageEscalationDays: number;

  /** Where the nightly backup is written (a USB stick or network share); null: no scheduled backup. */
  backupFolder: string | null;
  /** HH:MM on a 24-hour clock, this computer's local time. */
  backupTime: string;
  /** How many backup files to keep in the folder; older ones are deleted. */
  backupKeep: number;
  /** Settings fixed by PACKROOM_* environment variables; the UI shows them read-only. */
  lockedByEnvironment: string[];
}

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

export type NotifyVia = 'email' | 'sms' | 'both';
export type Channel = 'email' | 'sms';

export interface NotificationSummary {
  id: number;
  channel: Channel;
  destination: string;
  template: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** Why the last try did not go through. */
  lastError: Message | null;
  createdAt: string;
  sentAt: string | null;
}

export type SingleAccessStatus = 'active' | 'used' | 'expired' | 'revoked';

export interface SingleAccessSummary {
  id: number;
  status: SingleAccessStatus;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string;
  usedAt: string | null;
  usedVia: 'pin' | 'qr' | null;
}

export interface AccessOverview {
  recipientId: number;
  /** The permanent PIN and QR code, never shown here: only that they exist and since when. */
  permanent: { pinLength: number; createdAt: string } | null;
  singleAccess: SingleAccessSummary[];
  notifications: NotificationSummary[];
  lookupPinEnabled: boolean;
}

/** A notification queued by a staff action; `ready` is false when that channel is not set up, so it will not arrive. */
export interface QueuedNotification {
  channel: Channel;
  destination: string;
  ready: boolean;
}

export interface SingleAccessIssued {
  id: number;
  pin: string;
  expiresAt: string;
  recipientName: string;
  notifications: QueuedNotification[];
}

export interface PermanentIssued {
  pin: string;
  createdAt: string;
  notifications: QueuedNotification[];
}

export interface PinLookup {
  pin: string;
  createdAt: string;
}

export interface DoorEvent {
  at: string;
  result: 'granted' | 'denied' | 'locked-out';
  /** Who, for a grant: staff see names; the keypad never does. */
  recipientName: string | null;
  via: 'pin' | 'qr' | 'staff';
  device: string;
  /** Why the door opened or stayed closed; for a staff opening, what staff typed (the `text` sentence). */
  reason: Message;
  /** For a grant to a recipient's own credential: whose, and which kind (package pickup follows it). */
  recipientId?: number;
  keyKind?: 'permanent' | 'single';
}

export interface DoorStatus {
  relay: 'open' | 'closed' | 'missing';
  /** `problem` says why a device is not connected (null while it is). */
  devices: { role: 'keypad' | 'reader' | 'relay'; name: string; connected: boolean; problem: DeviceErrorKind | null }[];
  /** Set while too many wrong PINs keep the keypad from accepting PINs. */
  keypadLockedUntil: string | null;
  lastEvent: DoorEvent | null;
}

export interface Alert {
  id: number;
  at: string;
  kind: string;
  /** What happened and what to do; alerts saved before sentences existed read as their English (`text`). */
  message: Message;
}

export type DeviceRole = 'keypad' | 'reader' | 'relay';

export interface HidDeviceInfo {
  vidPid: string;
  manufacturer: string | null;
  product: string | null;
  serialNumber: string | null;
  path: string;
  kind: 'keyboard' | 'relay' | 'barcode-scanner' | 'other';
  assignedRole: DeviceRole | null;
  /** Why Packroom cannot read this device here, and what to do instead. */
  blocked: Message | null;
}

export interface DeviceAssignmentInfo {
  role: DeviceRole;
  selector: string;
  channel: number | null;
  name: string;
  connected: boolean;
  /** Why it is not connected, as a kind for the UI's label and in words with the fix. */
  problemKind: DeviceErrorKind | null;
  problem: Message | null;
}

export interface DeviceOverview {
  mode: 'auto' | 'sim' | 'none';
  devices: HidDeviceInfo[];
  assignments: DeviceAssignmentInfo[];
  /** Set when the device list itself cannot be read (e.g. node-hid could not load). */
  problem: Message | null;
}

// ---- Roster import ----

export type RosterPreset =
  'yardi' | 'onesite' | 'entrata' | 'salesforce' | 'appfolio' | 'buildium' | 'rentmanager' | 'resman' | 'mri' | 'generic';
export type RosterColumnId =
  'externalId' | 'fullName' | 'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'status' | 'moveIn' | 'moveOut' | 'language';
/** What an import does to a field staff edited by hand. */
export type ImportManualPolicy = 'import-wins' | 'keep-manual';
export type RosterField = 'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'status' | 'moveIn' | 'moveOut' | 'language';

export interface RosterUploadReceipt {
  uploadId: string;
  received: number;
  size: number;
}

export interface RosterFieldChange {
  field: RosterField;
  from: string | null;
  to: string | null;
  /** False when the keep-manual policy holds the change back. */
  applied: boolean;
}

export interface RosterRecipientChange {
  recipientId: number;
  externalId: string;
  name: string;
  unit: string;
  /** Line in the file; null for a resident the file no longer lists. */
  line: number | null;
  changes: RosterFieldChange[];
  /** Staff edited this recipient by hand and the file disagrees. */
  conflict: boolean;
}

export interface RosterMoveOut extends RosterRecipientChange {
  reason: 'missing-from-file' | 'inactive-in-file' | 'move-out-date-passed';
}

export interface RosterNewRecipient {
  line: number;
  externalId: string;
  firstName: string;
  lastName: string;
  unit: string;
  email: string | null;
  phone: string | null;
  moveIn: string | null;
  moveOut: string | null;
}

export interface RosterRowError {
  line: number;
  /** The column's header as written in the file; null when the whole row is at fault. */
  column: string | null;
  reason: Message;
}

/** What a status word in an export means; the choices an admin has for a word Packroom does not know. */
export type RosterStatusChoice = 'current' | 'notice' | 'future' | 'moved-out' | 'ignore';

/** Rows of a report that are not residents, skipped on purpose. */
export type RosterSkipKind = 'section' | 'charge' | 'total' | 'repeated-header' | 'vacant' | 'ignored-status';

/** A recipient added by hand that the import matched to a file row by unit and name. */
export interface RosterLinked {
  recipientId: number;
  name: string;
  unit: string;
  externalId: string;
  line: number;
}

/** A status word in the file that Packroom's vocabulary for the preset does not have. */
export interface RosterUnknownValue {
  column: 'status';
  value: string;
  rows: number;
  firstLine: number;
  /** What it was mapped to (in this preview or remembered from an earlier import); null while unmapped. */
  choice: RosterStatusChoice | null;
}

export interface RosterCounts {
  added: number;
  changed: number;
  movedOut: number;
  reactivated: number;
  unchanged: number;
  /** Former residents in the file whom Packroom never had. */
  skippedInactive: number;
  errors: number;
  conflicts: number;
  /** Residents imported without a field that could not be used. */
  warnings?: number;
  /** Hand-added recipients linked to the file by unit and name. */
  linked?: number;
}

export interface RosterDiffSummary {
  counts: RosterCounts;
  /** Each list stops at `listLimit` items; the counts are complete. */
  listLimit: number;
  added: RosterNewRecipient[];
  changed: RosterRecipientChange[];
  movedOut: RosterMoveOut[];
  reactivated: RosterRecipientChange[];
  errors: RosterRowError[];
  /** "email left empty: …" and the like: the resident is imported without that field. */
  warnings: RosterRowError[];
  linked: RosterLinked[];
  /** Report rows that are not residents, by kind. */
  skipped: Record<RosterSkipKind, number>;
  safety: {
    activeBefore: number;
    wouldDeactivate: number;
    share: number;
    /** The site's limit as a share (0.2 = 20%). */
    limit: number;
    /** Applying needs an admin's explicit confirmation. */
    exceeded: boolean;
  };
}

export interface RosterDryRun {
  /** What roster.apply takes; null when the columns are not mapped well enough to import. */
  id: string | null;
  fileName: string;
  preset: RosterPreset;
  headers: string[];
  /** Column → index into `headers`. */
  mapping: Partial<Record<RosterColumnId, number>>;
  /** Why nothing can be imported with this mapping. */
  problems: Message[];
  warnings: Message[];
  /** The first rows of the file as read, for the mapping screen. */
  preview: { line: number; cells: string[] }[];
  rows: number;
  diff: RosterDiffSummary | null;
  expiresAt: string | null;
  /** Where the header was found: its line(s), and how many title rows above it were skipped. */
  layout: { headerLines: number[]; titleRows: number; spacerRows: number };
  /** Status words to map (with the choice made so far); the daily import uses the same choices. */
  unknownValues: RosterUnknownValue[];
}

export type RosterTrigger = 'staff' | 'schedule' | 'cli';

export interface RosterRun {
  id: number;
  at: string;
  trigger: RosterTrigger;
  actor: string;
  fileName: string | null;
  outcome: 'applied' | 'blocked' | 'failed';
  /** Why it stopped, or what an applied run left alone; null when there is nothing to add to the counts. */
  message: Message | null;
  /**
   * What was applied; keptManual counts changes held back under the keep-manual policy, editedMeanwhile
   * the recipients left alone because someone edited them while the import was applying.
   */
  counts: (Partial<RosterCounts> & { keptManual?: number; editedMeanwhile?: number }) | null;
}

export interface RosterStatus {
  schedule: {
    enabled: boolean;
    folder: string | null;
    timeOfDay: string;
    preset: RosterPreset;
    nextRunAt: string | null;
  };
  runs: RosterRun[];
  presets: { id: RosterPreset; label: string }[];
  lockedByEnvironment: string[];
}

export interface RosterProgress {
  /** The upload id for a preview, the preview id while applying. */
  runId: string;
  phase: 'reading' | 'checking' | 'applying';
  done: number;
  total: number;
}

/** This computer, for the Settings tab: where the log is, and what only the desktop app can change. */
export interface SystemInfo {
  /** The log file this host writes, or null when it logs to stderr only. */
  logFile: string | null;
  /** Null in the headless host (a browser cannot open folders or start programs at login on the server). */
  desktop: {
    /** Whether Packroom starts when this OS user signs in. */
    startAtLogin: boolean;
  } | null;
}

// ---- Carrier access ----

/** A carrier's door code and when it works; the code itself is shown only when issued or looked up. */
export interface CarrierCode {
  id: number;
  carrier: CarrierId;
  /** 'UPS', or the name typed for Other. */
  name: string;
  days: Weekday[];
  /** HH:MM, this computer's local time; `until` earlier than `from` crosses midnight. */
  from: string;
  until: string;
  /** YYYY-MM-DD, the last day it works; null: no end date. */
  untilDate: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface CarrierCodeIssued {
  carrierCode: CarrierCode;
  code: string;
}

export interface CarrierCodeLookup {
  code: string;
  createdAt: string;
}

// ---- Packages ----

export type PackageStatus = 'waiting' | 'picked_up' | 'returned' | 'missing';
export type PackageSize = 'small' | 'large' | 'oversized';

export interface PackageDetection {
  /** The number as Packroom stores it (scanner additions and a USPS 420 + ZIP prefix removed). */
  tracking: string;
  carrier: CarrierId | null;
  carrierName: string | null;
  /** The same number is already waiting: logging it again will be refused. */
  duplicate: { recipientName: string; unit: string; loggedAt: string } | null;
}

export interface PackagePickup {
  at: string;
  via: 'door' | 'desk';
  /** At the door: which of the recipient's credentials opened it. */
  credential: 'pin' | 'qr' | 'single-access-pin' | null;
  /** At the desk: someone other than the recipient, by the name staff typed. */
  collectedBy: string | null;
  /** The staff member who handed it over. */
  handedOverBy: string | null;
}

export interface PackageItem {
  id: number;
  tracking: string;
  carrier: CarrierId;
  /** UPS, FedEx… or the name typed for Other. */
  carrierLabel: string;
  recipient: { id: number; firstName: string; lastName: string; unit: string; active: boolean };
  shelf: string | null;
  size: PackageSize;
  perishable: boolean;
  note: string | null;
  status: PackageStatus;
  /** Waiting for a recipient who is no longer active: staff should consider returning it. */
  returnToSender: boolean;
  loggedAt: string;
  loggedBy: string;
  ageDays: number;
  pickup: PackagePickup | null;
  returned: { at: string; reason: string } | null;
}

export interface PackagePage {
  items: PackageItem[];
  more: boolean;
}

export interface PackageOverview {
  waiting: number;
  waitingByAge: { '0-2': number; '3-7': number; '8-14': number; '15+': number };
  pickedUpToday: number;
  /** Over the last 30 days; null when nothing was picked up. */
  averageHoursToPickup: number | null;
  /** The last 30 days, oldest first; `day` is YYYY-MM-DD in this computer's time zone. */
  perDay: { day: string; logged: number; pickedUp: number }[];
}

export interface PackageExport {
  fileName: string;
  csv: string;
  rows: number;
}

export interface ShelfCheckScan {
  tracking: string;
  /** What Packroom knows about the newest package with this number; null when it was never logged. */
  known: { status: PackageStatus; recipientName: string; shelf: string | null } | null;
}

export interface ShelfCheck {
  id: number;
  startedAt: string;
  startedBy: string;
  scans: ShelfCheckScan[];
}

export interface ShelfCheckResult {
  id: number;
  finishedAt: string;
  scanned: number;
  notWaitingButFound: PackageItem[];
  waitingNotFound: PackageItem[];
  neverLogged: string[];
}

// ---- Audit export and backups ----

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

export interface BackupRun {
  id: number;
  at: string;
  trigger: 'schedule' | 'staff' | 'cli';
  outcome: 'ok' | 'failed';
  file: string | null;
  bytes: number | null;
  /** Why it failed; null when it worked. */
  message: Message | null;
}

export interface BackupStatus {
  folder: string | null;
  timeOfDay: string;
  keep: number;
  passphraseSet: boolean;
  passphraseSetAt: string | null;
  nextRunAt: string | null;
  lastSuccessAt: string | null;
  /** What the header warns about; null when backups are fine. */
  warning: Message | null;
  runs: BackupRun[];
  lockedByEnvironment: string[];
}

export interface BackupHealth {
  warning: Message | null;
}
