import { ApiError, message } from '../contract';
import type { AlertService } from './alerts';
import type { AuditService } from './audit';
import type { AuthService } from './auth';
import type { CarrierCodeService } from './carriers/service';
import type { BackupSchedule } from './backups/schedule';
import type { BackupService } from './backups/service';
import type { CredentialService } from './credentials';
import type { Handlers } from './dispatch';
import type { DeviceService } from './devices';
import type { DoorController } from './door';
import type { PackageService } from './packages/service';
import type { RecipientService } from './recipients';
import type { RosterService } from './roster/service';
import type { RosterSchedule } from './roster/schedule';
import type { SettingsService } from './settings';
import type { SystemService } from './system';

export interface HandlerDeps {
  auth: AuthService;
  audit: AuditService;
  recipients: RecipientService;
  settings: SettingsService;
  credentials: CredentialService;
  carrierCodes: CarrierCodeService;
  alerts: AlertService;
  door: DoorController;
  devices: DeviceService;
  roster: RosterService;
  rosterSchedule: RosterSchedule;
  system: SystemService;
  packages: PackageService;
  backups: BackupService;
  backupSchedule: BackupSchedule;
}

/** Maps each contract method to the service that does the work; nothing here touches SQL. */
export function createHandlers({
  auth,
  audit,
  recipients,
  settings,
  credentials,
  carrierCodes,
  alerts,
  door,
  devices,
  roster,
  rosterSchedule,
  system,
  packages,
  backups,
  backupSchedule,
}: HandlerDeps): Handlers {
  return {
    'auth.status': (_input, { ctx }) => {
      const current = auth.current(ctx.sessionToken);
      const { idleLockMinutes, siteName, siteLanguage } = settings.get();
      return {
        setupRequired: auth.setupRequired(),
        session: current ? auth.info(current.session, current.staff) : null,
        idleLockMinutes,
        siteName,
        siteLanguage,
      };
    },
    'auth.setup': async (input, { ctx }) => {
      const { token, info } = await auth.setup(input);
      ctx.sessionToken = token;
      return info;
    },
    'auth.login': async (input, { ctx }) => {
      const { token, info } = await auth.login(input.username, input.password);
      auth.logout(ctx.sessionToken);
      ctx.sessionToken = token;
      return info;
    },
    'auth.logout': (_input, { ctx }) => {
      auth.logout(ctx.sessionToken);
      ctx.sessionToken = null;
      return null;
    },
    'auth.lock': (_input, { ctx }) => {
      auth.lockByToken(ctx.sessionToken, 'manual');
      return null;
    },
    'auth.unlock': (input, { ctx }) => auth.unlock(ctx.sessionToken, input.password),
    'auth.touch': () => null,

    'account.setLanguage': (input, { ctx }) => auth.setLanguage(ctx.sessionToken, input.language),

    'staff.list': () => auth.listStaff(),
    'staff.create': (input, { actor }) => auth.createStaff(actor, input),
    'staff.setActive': (input, { actor, staff }) => {
      if (staff?.id === input.id && !input.active) throw new ApiError('CONFLICT', message('staff.cannotDeactivateSelf'));
      return auth.setStaffActive(actor, input.id, input.active);
    },

    'recipients.search': (input) => recipients.search(input),
    'recipients.get': (input) => recipients.get(input.id),
    'recipients.create': (input, { actor }) => recipients.create(actor, input),
    'recipients.update': ({ id, ...fields }, { actor }) => recipients.update(actor, id, fields),
    'recipients.setStatus': (input, { actor }) => recipients.setStatus(actor, input.id, input.status),

    'settings.get': () => settings.get(),
    'settings.update': (input, { actor }) => settings.update(actor, input),

    'activity.list': ({ recipientId, ...page }) =>
      audit.list(recipientId === undefined ? page : { ...page, subject: `recipient:${recipientId}` }),
    'activity.export': (input, { actor }) => audit.export(actor, input),

    'access.overview': (input) => credentials.overview(input.recipientId),
    'access.sendSingleAccessPin': (input, { actor }) => credentials.sendSingleAccessPin(actor, input),
    'access.regenerate': (input, { actor }) => credentials.issuePermanent(actor, input.recipientId),
    'access.lookupPin': (input, { actor }) => credentials.lookupPin(actor, input.recipientId),

    'carrierCodes.list': () => carrierCodes.list(),
    'carrierCodes.add': (input, { actor }) => carrierCodes.add(actor, input),
    'carrierCodes.regenerate': (input, { actor }) => carrierCodes.regenerate(actor, input.id),
    'carrierCodes.revoke': (input, { actor }) => {
      carrierCodes.revoke(actor, input.id);
      return null;
    },
    'carrierCodes.lookup': (input, { actor }) => carrierCodes.lookup(actor, input.id),

    'door.status': () => door.status(),
    'door.open': (input, { actor }) => {
      door.openByStaff(actor, message('text', { text: input.reason }), input.recipientId ?? null);
      return null;
    },
    'door.resetLockout': (input, { actor }) => {
      door.resetLockout(actor, input.reason);
      return null;
    },

    'alerts.list': () => alerts.list(),
    'alerts.acknowledge': (input, { actor }) => {
      alerts.acknowledge(actor, input.id);
      return null;
    },

    'devices.list': () => devices.overview(),
    'devices.assign': (input, { actor }) => devices.assign(actor, input.role, input.selector, input.channel),
    'devices.unassign': (input, { actor }) => devices.unassign(actor, input.role),
    'devices.identify': (input, call) => devices.identify(input.seconds, call.ctx.sessionToken),
    'devices.testRelay': (_input, { actor }) => {
      devices.testRelay(actor);
      return null;
    },

    'roster.upload': (input) => roster.uploads.receive(input),
    'roster.dryRun': (input) => roster.dryRunUpload(input),
    'roster.apply': (input, { actor }) =>
      roster.apply(actor, input.dryRunId, { confirmLargeDeactivation: input.confirmLargeDeactivation, trigger: 'staff' }),
    'roster.cancel': (input) => {
      roster.discard(input.id);
      return null;
    },
    'roster.status': () => rosterSchedule.status(),
    'roster.configure': (input, { actor }) => rosterSchedule.configure(actor, input),

    'system.info': () => system.info(),
    'system.openLogFolder': () => system.openLogFolder(),
    'system.setStartAtLogin': (input, { actor }) => system.setStartAtLogin(actor, input.enabled),
    'packages.detect': (input) => packages.detect(input.tracking),
    'packages.log': (input, { actor }) => packages.log(actor, input),
    'packages.list': (input) => packages.list(input),
    'packages.get': (input) => packages.get(input.id),
    'packages.handOver': (input, { actor }) => packages.handOver(actor, input.id, input.collectedBy ?? null),
    'packages.returnToSender': (input, { actor }) => packages.returnToSender(actor, input.id, input.reason),
    'packages.update': (input, { actor }) => packages.update(actor, input),
    'packages.restore': (input, { actor }) => packages.restore(actor, input.ids),
    'packages.markMissing': (input, { actor }) => packages.markMissing(actor, input.ids),
    'packages.overview': () => packages.overview(),
    'packages.export': (input) => packages.exportCsv(input.from, input.to),
    'packages.shelfCheckCurrent': () => packages.currentShelfCheck(),
    'packages.shelfCheckStart': (_input, { actor }) => packages.startShelfCheck(actor),
    'packages.shelfCheckScan': (input) => packages.shelfCheckScan(input.checkId, input.tracking),
    'packages.shelfCheckFinish': (input, { actor }) => packages.finishShelfCheck(actor, input.checkId),
    'packages.shelfCheckCancel': (input, { actor }) => {
      packages.cancelShelfCheck(actor, input.checkId);
      return null;
    },
    'backups.status': () => backupSchedule.status(),
    'backups.configure': (input, { actor }) => backupSchedule.configure(actor, input),
    'backups.setPassphrase': async (input, { actor }) => {
      await backups.setPassphrase(actor, input.passphrase);
      return backupSchedule.status();
    },
    'backups.run': (_input, { actor }) => backups.run('staff', actor),
    'backups.health': () => backups.health(),
  };
}
