import { ApiError, message } from '../../contract';
import type { authMethods } from '../../contract/auth';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The auth slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function authHandlers({ auth, settings }: Pick<CoreServices, 'auth' | 'settings'>): Handlers<typeof authMethods> {
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
    'account.changePassword': (input, { ctx }) => auth.changeOwnPassword(ctx.sessionToken, input.currentPassword, input.newPassword),
    'staff.list': () => auth.listStaff(),
    'staff.create': (input, { actor }) => auth.createStaff(actor, input),
    'staff.setActive': (input, { actor, staff }) => {
      if (staff?.id === input.id && !input.active) throw new ApiError('CONFLICT', message('staff.cannotDeactivateSelf'));
      return auth.setStaffActive(actor, input.id, input.active);
    },
    'staff.resetPassword': (input, { actor, staff }) => {
      if (staff?.id === input.id) throw new ApiError('CONFLICT', message('staff.cannotResetSelf'));
      return auth.resetPassword(actor, input.id, input.password);
    },
  };
}
