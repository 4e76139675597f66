/**
 * The Packroom API: every operation the staff UI can call, declared once with its input
 * schema, result type and required role. The HTTP and Electron IPC transports are generated
 * from this object, and it is the only part of src/ the renderer imports.
 */
import type { z } from 'zod';
import { method, type MethodDef } from './define';
import * as s from './schemas';
import type * as t from './types';

export const api = {
  'auth.status': method<t.AuthStatus>()({ input: s.empty, access: 'public' }),
  'auth.setup': method<t.SessionInfo>()({ input: s.setupInput, access: 'public' }),
  'auth.login': method<t.SessionInfo>()({ input: s.loginInput, access: 'public' }),
  'auth.logout': method<null>()({ input: s.empty, access: 'public' }),
  'auth.lock': method<null>()({ input: s.empty, access: 'staff' }),
  'auth.unlock': method<t.SessionInfo>()({ input: s.unlockInput, access: 'public' }),
  'auth.touch': method<null>()({ input: s.empty, access: 'staff' }),

  'staff.list': method<t.StaffAccount[]>()({ input: s.empty, access: 'admin' }),
  'staff.create': method<t.StaffAccount>()({ input: s.staffCreateInput, access: 'admin' }),
  'staff.setActive': method<t.StaffAccount>()({ input: s.staffSetActiveInput, access: 'admin' }),
  /** The signed-in staff member's own screen language (Settings → My account). */
  'account.setLanguage': method<t.SessionInfo>()({ input: s.accountSetLanguageInput, access: 'staff' }),

  'recipients.search': method<t.RecipientPage>()({ input: s.recipientSearchInput, access: 'staff' }),
  'recipients.get': method<t.Recipient>()({ input: s.idInput, access: 'staff' }),
  'recipients.create': method<t.Recipient>()({ input: s.recipientCreateInput, access: 'staff' }),
  'recipients.update': method<t.Recipient>()({ input: s.recipientUpdateInput, access: 'staff' }),
  'recipients.setStatus': method<t.Recipient>()({ input: s.recipientSetStatusInput, access: 'staff' }),

  'settings.get': method<t.Settings>()({ input: s.empty, access: 'staff' }),
  'settings.update': method<t.Settings>()({ input: s.settingsUpdateInput, access: 'admin' }),

  'activity.list': method<t.AuditPage>()({ input: s.activityListInput, access: 'staff' }),
  'activity.export': method<t.AuditExportChunk>()({ input: s.activityExportInput, access: 'staff' }),

  'access.overview': method<t.AccessOverview>()({ input: s.recipientIdInput, access: 'staff' }),
  'access.sendSingleAccessPin': method<t.SingleAccessIssued>()({ input: s.sendSingleAccessPinInput, access: 'staff' }),
  'access.regenerate': method<t.PermanentIssued>()({ input: s.recipientIdInput, access: 'staff' }),
  'access.lookupPin': method<t.PinLookup>()({ input: s.lookupPinInput, access: 'staff' }),

  // Settings → Carrier access: admin only, like the rest of Settings.
  'carrierCodes.list': method<t.CarrierCode[]>()({ input: s.empty, access: 'admin' }),
  'carrierCodes.add': method<t.CarrierCodeIssued>()({ input: s.carrierCodeAddInput, access: 'admin' }),
  'carrierCodes.regenerate': method<t.CarrierCodeIssued>()({ input: s.idInput, access: 'admin' }),
  'carrierCodes.revoke': method<null>()({ input: s.idInput, access: 'admin' }),
  'carrierCodes.lookup': method<t.CarrierCodeLookup>()({ input: s.carrierCodeLookupInput, access: 'admin' }),

  'door.status': method<t.DoorStatus>()({ input: s.empty, access: 'staff' }),
  'door.open': method<null>()({ input: s.openDoorInput, access: 'staff' }),
  'door.resetLockout': method<null>()({ input: s.resetLockoutInput, access: 'staff' }),

  'alerts.list': method<t.Alert[]>()({ input: s.empty, access: 'staff' }),
  'alerts.acknowledge': method<null>()({ input: s.idInput, access: 'staff' }),

  'devices.list': method<t.DeviceOverview>()({ input: s.empty, access: 'admin' }),
  'devices.assign': method<t.DeviceOverview>()({ input: s.deviceAssignInput, access: 'admin' }),
  'devices.unassign': method<t.DeviceOverview>()({ input: s.deviceUnassignInput, access: 'admin' }),
  'devices.identify': method<t.HidDeviceInfo | null>()({ input: s.deviceIdentifyInput, access: 'admin' }),
  'devices.testRelay': method<null>()({ input: s.empty, access: 'admin' }),

  // Roster import: admin only, like the Import tab.
  'roster.upload': method<t.RosterUploadReceipt>()({ input: s.rosterUploadInput, access: 'admin' }),
  'roster.dryRun': method<t.RosterDryRun>()({ input: s.rosterDryRunInput, access: 'admin' }),
  'roster.apply': method<t.RosterRun>()({ input: s.rosterApplyInput, access: 'admin' }),
  'roster.cancel': method<null>()({ input: s.rosterCancelInput, access: 'admin' }),
  'roster.status': method<t.RosterStatus>()({ input: s.empty, access: 'admin' }),
  'roster.configure': method<t.RosterStatus>()({ input: s.rosterConfigureInput, access: 'admin' }),

  // This computer (Settings). Admin only: opening a folder hands over a file manager, even in kiosk mode.
  'system.info': method<t.SystemInfo>()({ input: s.empty, access: 'admin' }),
  'system.openLogFolder': method<null>()({ input: s.empty, access: 'admin' }),
  'system.setStartAtLogin': method<t.SystemInfo>()({ input: s.startAtLoginInput, access: 'admin' }),
  // Packages: the front desk's log, for any staff member.
  'packages.detect': method<t.PackageDetection>()({ input: s.packageDetectInput, access: 'staff' }),
  'packages.log': method<t.PackageItem>()({ input: s.packageLogInput, access: 'staff' }),
  'packages.list': method<t.PackagePage>()({ input: s.packageListInput, access: 'staff' }),
  'packages.get': method<t.PackageItem>()({ input: s.idInput, access: 'staff' }),
  'packages.handOver': method<t.PackageItem>()({ input: s.packageHandOverInput, access: 'staff' }),
  'packages.returnToSender': method<t.PackageItem>()({ input: s.packageReturnInput, access: 'staff' }),
  'packages.update': method<t.PackageItem>()({ input: s.packageUpdateInput, access: 'staff' }),
  'packages.restore': method<t.PackageItem[]>()({ input: s.packageIdsInput, access: 'staff' }),
  'packages.markMissing': method<t.PackageItem[]>()({ input: s.packageIdsInput, access: 'staff' }),
  'packages.overview': method<t.PackageOverview>()({ input: s.empty, access: 'staff' }),
  'packages.export': method<t.PackageExport>()({ input: s.packageExportInput, access: 'staff' }),
  'packages.shelfCheckCurrent': method<t.ShelfCheck | null>()({ input: s.empty, access: 'staff' }),
  'packages.shelfCheckStart': method<t.ShelfCheck>()({ input: s.empty, access: 'staff' }),
  'packages.shelfCheckScan': method<t.ShelfCheckScan>()({ input: s.shelfCheckScanInput, access: 'staff' }),
  'packages.shelfCheckFinish': method<t.ShelfCheckResult>()({ input: s.shelfCheckIdInput, access: 'staff' }),
  'packages.shelfCheckCancel': method<null>()({ input: s.shelfCheckIdInput, access: 'staff' }),
  // Backups: configured by admins; every signed-in screen shows the warning.
  'backups.status': method<t.BackupStatus>()({ input: s.empty, access: 'admin' }),
  'backups.configure': method<t.BackupStatus>()({ input: s.backupConfigureInput, access: 'admin' }),
  'backups.setPassphrase': method<t.BackupStatus>()({ input: s.backupPassphraseInput, access: 'admin' }),
  'backups.run': method<t.BackupRun>()({ input: s.empty, access: 'admin' }),
  'backups.health': method<t.BackupHealth>()({ input: s.empty, access: 'staff' }),
} satisfies Record<string, MethodDef>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodResult<M extends MethodName> = Api[M] extends MethodDef<z.ZodType, infer R> ? R : never;

export { eventNames, type EventName, type Events } from './events';
import type { EventName, Events } from './events';

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

/** The bridge the renderer sees; provided by the Electron preload or by the HTTP client. */
export interface PackroomBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export { ApiError, reasonOf, type ApiErrorBody, type ErrorCode } from './errors';
export type * from './types';
export type * from './devices';
export type { StaffRole, Access } from './define';

export { rosterColumnIds, rosterUploadLimits } from './schemas';
export { carrierIds, carrierLabels, weekdayIds, weekdayLabels, type CarrierId, type Weekday } from './carriers';
export { languages, languageIds, isLanguage, type Language } from './languages';
export {
  coreCatalogs,
  coreNamespace,
  isMessageKey,
  message,
  messageText,
  renderParams,
  says,
  sentenceOf,
  type Message,
  type MessageKey,
  type MessageParams,
} from './messages';
