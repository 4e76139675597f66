import { z } from 'zod';
import { empty, id, language, required, text, tooLong } from './common';
import { method, type MethodDef, type StaffRole } from './define';
import type { Language } from './languages';
import { says } from './messages';

/** Signing in and out, the screen lock, staff accounts and the signed-in staff member's own account. */
export const username = z
  .string({ error: required('username') })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, says('validation.usernameFormat'));

export const password = z
  .string({ error: required('password') })
  .min(10, says('validation.passwordTooShort', { min: 10 }))
  .max(200, tooLong('password', 200));

export const role = z.enum(['admin', 'staff'], { error: says('validation.role') });

export const setupInput = z.object({
  username,
  displayName: text('displayName', 80),
  password,
});

const signInPassword = z
  .string({ error: says('validation.enterYourPassword') })
  .min(1, says('validation.enterYourPassword'))
  .max(200, tooLong('password', 200));

export const loginInput = z.object({
  username: z
    .string({ error: says('validation.enterYourUsername') })
    .trim()
    .toLowerCase()
    .min(1, says('validation.enterYourUsername'))
    .max(64, tooLong('username', 64)),
  password: signInPassword,
});

export const unlockInput = z.object({ password: signInPassword });

export const staffCreateInput = z.object({
  username,
  displayName: text('displayName', 80),
  role,
  password,
});

export const staffSetActiveInput = z.object({ id, active: z.boolean() });

/** Settings → My account, and the screen after an admin's reset: the current password, then one by the same rules as any new one. */
export const accountChangePasswordInput = z.object({
  currentPassword: z
    .string({ error: says('validation.enterCurrentPassword') })
    .min(1, says('validation.enterCurrentPassword'))
    .max(200, tooLong('password', 200)),
  newPassword: password,
});

/** Settings → Staff accounts: a temporary password the person replaces at their next sign-in. */
export const staffResetPasswordInput = z.object({ id, password });

/** null follows the site language. */
export const accountSetLanguageInput = z.object({ language: language.nullable() });

export interface SessionInfo {
  staffId: number;
  username: string;
  displayName: string;
  role: StaffRole;
  locked: boolean;
  /** The staff member's own choice; null follows the site language. */
  language: Language | null;
  /** An admin reset the password: the person chooses a new one before anything else. */
  mustChangePassword: boolean;
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

export const authMethods = {
  'auth.status': method<AuthStatus>()({ input: empty, access: 'public' }),
  'auth.setup': method<SessionInfo>()({ input: setupInput, access: 'public' }),
  'auth.login': method<SessionInfo>()({ input: loginInput, access: 'public' }),
  'auth.logout': method<null>()({ input: empty, access: 'public' }),
  'auth.lock': method<null>()({ input: empty, access: 'staff' }),
  'auth.unlock': method<SessionInfo>()({ input: unlockInput, access: 'public' }),
  'auth.touch': method<null>()({ input: empty, access: 'staff' }),
  'staff.list': method<StaffAccount[]>()({ input: empty, access: 'admin' }),
  'staff.create': method<StaffAccount>()({ input: staffCreateInput, access: 'admin' }),
  'staff.setActive': method<StaffAccount>()({ input: staffSetActiveInput, access: 'admin' }),
  'staff.resetPassword': method<StaffAccount>()({ input: staffResetPasswordInput, access: 'admin' }),
  /** The signed-in staff member's own screen language (Settings → My account). */
  'account.setLanguage': method<SessionInfo>()({ input: accountSetLanguageInput, access: 'staff' }),
  /** The signed-in staff member's own password (Settings → My account); their other sessions end. */
  'account.changePassword': method<SessionInfo>()({ input: accountChangePasswordInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
