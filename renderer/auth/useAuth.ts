import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthStatus, Language, MethodInput, SessionInfo } from '../../src/contract';
import { invoke, on, setAuthErrorHandler } from '../api/client';
import { useIdleLock } from './useIdleLock';

/** Every call the sign-in screens make; each screen shows its own refusal (on its form). */
export const authCalls = {
  status: () => invoke('auth.status', {}),
  signIn: (input: MethodInput<'auth.login'>) => invoke('auth.login', input),
  unlock: (input: MethodInput<'auth.unlock'>) => invoke('auth.unlock', input),
  setup: (input: MethodInput<'auth.setup'>) => invoke('auth.setup', input),
  changePassword: (input: MethodInput<'account.changePassword'>) => invoke('account.changePassword', input),
  lock: () => invoke('auth.lock', {}),
  signOut: () => invoke('auth.logout', {}),
};

/** What the window shows: the app for a signed-in, unlocked session, else the screen that gets there. */
export type AuthView =
  | { kind: 'loading' }
  | { kind: 'failed'; error: Error }
  | { kind: 'setup' }
  | { kind: 'login'; signedOut: boolean }
  | { kind: 'locked'; session: SessionInfo }
  | { kind: 'newPassword'; session: SessionInfo }
  | { kind: 'ready'; session: SessionInfo };

/** A signed-in session's screen: locked, asked for a new password after an admin's reset, or the app. */
const viewOf = (session: SessionInfo): AuthView =>
  session.locked ? { kind: 'locked', session } : session.mustChangePassword ? { kind: 'newPassword', session } : { kind: 'ready', session };

/**
 * The window's session: what auth.status says, sign in, set up, unlock, lock (by hand or after the idle time),
 * sign out, a new password. It follows the core: a call refused for want of a session, or the core ending this
 * session (signed out elsewhere, deactivated, password changed, idle lock), shows what auth.status says then.
 */
export function useAuth() {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [view, setView] = useState<AuthView>({ kind: 'loading' });

  const refresh = useCallback(
    () =>
      authCalls.status().then(
        (s) => {
          setStatus(s);
          if (s.setupRequired) setView({ kind: 'setup' });
          else if (!s.session) setView({ kind: 'login', signedOut: false });
          else setView(viewOf(s.session));
        },
        (error: Error) => setView({ kind: 'failed', error }),
      ),
    [],
  );

  // Calls still in flight when staff sign out or lock fail with an auth error; only a screen
  // that thinks it is signed in needs to re-check.
  const viewKind = useRef(view.kind);
  useEffect(() => {
    viewKind.current = view.kind;
  });
  useEffect(() => {
    setAuthErrorHandler(() => {
      if (viewKind.current === 'ready') void refresh();
    });
    void refresh();
  }, [refresh]);

  const signedInNow = view.kind === 'ready';
  useEffect(
    () => (signedInNow ? on('session.ended', () => viewKind.current === 'ready' && void refresh()) : undefined),
    [signedInNow, refresh],
  );

  const ready = view.kind === 'ready' ? view.session : null;
  useIdleLock(status?.idleLockMinutes ?? 5, ready !== null, () => ready && setView({ kind: 'locked', session: ready }));

  /** The site's name, language and idle time again (after Settings saved them). */
  const reloadStatus = useCallback(() => void authCalls.status().then(setStatus, () => undefined), []);

  const signedIn = (session: SessionInfo): SessionInfo => {
    setView(viewOf(session));
    reloadStatus();
    return session;
  };

  // The signed-in (or locked) staff member's own language, else the site's.
  const session = 'session' in view ? view.session : null;
  const language: Language = session?.language ?? status?.siteLanguage ?? 'en';

  return {
    view,
    status,
    language,
    signIn: async (input: MethodInput<'auth.login'>) => signedIn(await authCalls.signIn(input)),
    setup: async (input: MethodInput<'auth.setup'>) => signedIn(await authCalls.setup(input)),
    unlock: async (input: MethodInput<'auth.unlock'>) => signedIn(await authCalls.unlock(input)),
    /** After the person chose a new password (the session the call returned). */
    passwordChanged: (next: SessionInfo) => void signedIn(next),
    lock: () => {
      if (view.kind !== 'ready') return;
      void authCalls.lock().catch(() => undefined);
      setView({ kind: 'locked', session: view.session });
    },
    // The sign-in page first: the core's session.ended for this very sign-out then finds the screen already there.
    signOut: async () => {
      setView({ kind: 'login', signedOut: true });
      await authCalls.signOut().catch(() => undefined);
    },
    /** The signed-in person changed their own name or language. */
    sessionChanged: (next: SessionInfo) => setView({ kind: 'ready', session: next }),
    reloadStatus,
  };
}
