import { Button, PasswordInput, Stack } from '@mantine/core';
import { api, type MethodInput, type SessionInfo } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { AuthCard } from './AuthCard';

interface Props {
  session: SessionInfo;
  onUnlock: (input: MethodInput<'auth.unlock'>) => Promise<unknown>;
  onSignOut: () => void;
}

export function LockScreen({ session, onUnlock, onSignOut }: Props) {
  const { t } = useTranslation();
  const { form, submit, busy, formError, reset } = usePackroomForm({
    schema: api['auth.unlock'].input,
    initialValues: { password: '' },
    toInput: (values: MethodInput<'auth.unlock'>) => values,
    onSubmit: async (input) => {
      try {
        await onUnlock(input);
      } catch (error) {
        // A refused password is typed again from the start; the refusal shows above the form.
        reset();
        throw error;
      }
    },
  });

  return (
    <AuthCard title={t('auth.lock.title')} subtitle={t('auth.lock.subtitle', { name: session.displayName, username: session.username })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formError} title={t('auth.lock.failed')} />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" {...form.getInputProps('password')} autoFocus />
          <Button type="submit" loading={busy}>
            {t('auth.lock.submit')}
          </Button>
          <Button variant="subtle" onClick={onSignOut}>
            {t('auth.lock.switchUser')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
