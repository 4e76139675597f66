import { Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { LockScreen } from '../auth/LockScreen';
import { LoginScreen } from '../auth/LoginScreen';
import { NewPasswordScreen } from '../auth/NewPasswordScreen';
import { SetupScreen } from '../auth/SetupScreen';
import { useAuth } from '../auth/useAuth';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { applyLanguage } from '../i18n/apply';
import { Shell } from '../shell/Shell';

export function App() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { view, status, language } = auth;
  useEffect(() => applyLanguage(language), [language]);

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
      return <SetupScreen onSetup={auth.setup} />;
    case 'login':
      return (
        <LoginScreen
          siteName={status?.siteName ?? t('app.name')}
          notice={view.signedOut ? t('app.signedOut') : undefined}
          onSignIn={auth.signIn}
        />
      );
    case 'locked':
      return <LockScreen session={view.session} onUnlock={auth.unlock} onSignOut={auth.signOut} />;
    case 'newPassword':
      return <NewPasswordScreen session={view.session} onChanged={auth.passwordChanged} onSignOut={auth.signOut} />;
    case 'ready':
      return (
        // Every screen has an address in the page's hash (renderer/app/routes.ts): reload, Back and Forward keep it.
        <Router hook={useHashLocation}>
          <Shell
            session={view.session}
            siteName={status?.siteName ?? t('app.name')}
            siteLanguage={status?.siteLanguage ?? 'en'}
            onLock={auth.lock}
            onSignOut={() => void auth.signOut()}
            onSessionChanged={auth.sessionChanged}
            onSettingsChanged={auth.reloadStatus}
          />
        </Router>
      );
  }
}
