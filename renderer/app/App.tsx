import { Center, Loader } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthStatus, SessionInfo } from '../../src/contract';
import { invoke, on, setAuthErrorHandler } from '../api/client';
import { LockScreen } from '../auth/LockScreen';
import { LoginScreen } from '../auth/LoginScreen';
import { NewPasswordScreen } from '../auth/NewPasswordScreen';
import { SetupScreen } from '../auth/SetupScreen';
import { useIdleLock } from '../auth/useIdleLock';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { applyLanguage } from '../i18n/apply';
import { Shell } from '../shell/Shell';

type View =
  | { kind: 'loading' }
  | { kind: 'failed'; error: Error }
  | { kind: 'setup' }
  | { kind: 'login'; notice?: string }
  | { kind: 'locked'; session: SessionInfo }
  | { kind: 'newPassword'; session: SessionInfo }
  | { kind: 'ready'; session: SessionInfo };

/** A signed-in session's screen: locked, asked for a new password after an admin's reset, or the app. */
const viewOf = (session: SessionInfo) => (session.locked ? 'locked' : session.mustChangePassword ? 'newPassword' : 'ready');

export function App() {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const { t } = useTranslation();

  const refresh = useCallback(
    () =>
      invoke('auth.status', {}).then(
        (s) => {
          setStatus(s);
          if (s.setupRequired) setView({ kind: 'setup' });
          else if (!s.session) setView({ kind: 'login' });
          else setView({ kind: viewOf(s.session), session: s.session });
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

  // The core closes this screen's event stream when its session ends or locks (signed out elsewhere,
  // deactivated, password changed, idle lock): the screen then shows what auth.status says.
  const signedInNow = view.kind === 'ready';
  useEffect(
    () => (signedInNow ? on('session.ended', () => viewKind.current === 'ready' && void refresh()) : undefined),
    [signedInNow, refresh],
  );

  // The signed-in (or locked) staff member's own language, else the site's.
  const session = view.kind === 'ready' || view.kind === 'locked' || view.kind === 'newPassword' ? view.session : null;
  const language = session?.language ?? status?.siteLanguage ?? 'en';
  useEffect(() => applyLanguage(language), [language]);

  const ready = view.kind === 'ready' ? view.session : null;
  useIdleLock(status?.idleLockMinutes ?? 5, ready !== null, () => ready && setView({ kind: 'locked', session: ready }));

  const signedIn = (session: SessionInfo) => {
    setView({ kind: viewOf(session), session });
    void invoke('auth.status', {}).then(setStatus, () => undefined);
  };
  // The sign-in page first: the core's session.ended for this very sign-out then finds the screen already there.
  const signOut = async () => {
    setView({ kind: 'login', notice: t('app.signedOut') });
    await invoke('auth.logout', {}).catch(() => undefined);
  };

  switch (view.kind) {
    case 'loading':
      return (
        <Center mih="100vh">
          <Loader aria-label={t('common.loading')} />
        </Center>
      );
    case 'failed':
      return (
        <Center mih="100vh" p="xl">
          <ErrorAlert error={view.error} title={t('app.couldNotStart')} />
        </Center>
      );
    case 'setup':
      return <SetupScreen onDone={signedIn} />;
    case 'login':
      return <LoginScreen siteName={status?.siteName ?? t('app.name')} notice={view.notice} onDone={signedIn} />;
    case 'locked':
      return <LockScreen session={view.session} onUnlocked={signedIn} onSignOut={signOut} />;
    case 'newPassword':
      return <NewPasswordScreen session={view.session} onChanged={signedIn} onSignOut={signOut} />;
    case 'ready':
      return (
        <Shell
          session={view.session}
          siteName={status?.siteName ?? t('app.name')}
          siteLanguage={status?.siteLanguage ?? 'en'}
          onLock={() => {
            void invoke('auth.lock', {});
            setView({ kind: 'locked', session: view.session });
          }}
          onSignOut={signOut}
          onSessionChanged={(next) => setView({ kind: 'ready', session: next })}
          onSettingsChanged={() => void invoke('auth.status', {}).then(setStatus, () => undefined)}
        />
      );
  }
}
