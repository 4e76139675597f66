import { ApiError } from '../contract';
import type { AlertService } from './alerts';
import type { AuditService } from './audit';
import type { AuthService } from './auth';
import type { CredentialService } from './credentials';
import type { Handlers } from './dispatch';
import type { DeviceService } from './devices';
import type { DoorController } from './door';
import type { RecipientService } from './recipients';
import type { RosterService } from './roster/service';
import type { RosterSchedule } from './roster/schedule';
import type { SettingsService } from './settings';

export interface HandlerDeps {
  auth: AuthService;
  audit: AuditService;
  recipients: RecipientService;
  settings: SettingsService;
  credentials: CredentialService;
  alerts: AlertService;
  door: DoorController;
  devices: DeviceService;
  roster: RosterService;
  rosterSchedule: RosterSchedule;
}

/** Maps each contract method to the service that does the work; nothing here touches SQL. */
export function createHandlers({
  auth,
  audit,
  recipients,
  settings,
  credentials,
  alerts,
  door,
  devices,
  roster,
  rosterSchedule,
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
      if (staff?.id === input.id && !input.active) throw new ApiError('CONFLICT', 'You cannot deactivate your own account.');
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

    'access.overview': (input) => credentials.overview(input.recipientId),
    'access.sendSingleAccessPin': (input, { actor }) => credentials.sendSingleAccessPin(actor, input),
    'access.regenerate': (input, { actor }) => credentials.issuePermanent(actor, input.recipientId),
    'access.lookupPin': (input, { actor }) => credentials.lookupPin(actor, input.recipientId),

    'door.status': () => door.status(),
    'door.open': (input, { actor }) => {
      door.openByStaff(actor, input.reason, input.recipientId ?? null);
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
    'devices.identify': (input) => devices.identify(input.seconds),
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
  };
}
