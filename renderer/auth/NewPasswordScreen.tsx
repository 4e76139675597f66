import { Button } from '@mantine/core';
import type { SessionInfo } from '../../src/contract';
import { useTranslation } from '../i18n';
import { AuthCard } from './AuthCard';
import { ChangePasswordForm } from './ChangePasswordForm';

/** After an admin reset the password: the person chooses their own before anything else (the core refuses all else). */
export function NewPasswordScreen({
  session,
  onChanged,
  onSignOut,
}: {
  session: SessionInfo;
  onChanged: (s: SessionInfo) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  return (
    <AuthCard title={t('auth.newPassword.title')} subtitle={t('auth.newPassword.subtitle', { name: session.displayName })}>
      <ChangePasswordForm submitLabel={t('auth.newPassword.submit')} onChanged={onChanged} />
      <Button variant="subtle" onClick={onSignOut}>
        {t('shell.signOut')}
      </Button>
    </AuthCard>
  );
}
