import { Button, Stack, TextInput } from '@mantine/core';
import { api, type MethodInput } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { NewPasswordInput } from '../components/form/NewPasswordInput';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { AuthCard } from './AuthCard';

export function SetupScreen({ onSetup }: { onSetup: (input: MethodInput<'auth.setup'>) => Promise<unknown> }) {
  const { t } = useTranslation();
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['auth.setup'].input,
    initialValues: { displayName: '', username: '', password: '', confirm: '' },
    toInput: ({ displayName, username, password }) => ({ displayName, username, password }),
    check: (values) => ({ confirm: values.password === values.confirm ? undefined : t('auth.setup.mismatch') }),
    onSubmit: onSetup,
  });

  return (
    <AuthCard title={t('auth.setup.title')} subtitle={t('auth.setup.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formError} />
          <TextInput label={t('auth.setup.yourName')} required {...form.getInputProps('displayName')} autoFocus />
          <TextInput
            label={t('auth.userName')}
            description={t('auth.setup.userNameHint')}
            required
            autoComplete="username"
            {...form.getInputProps('username')}
          />
          <NewPasswordInput
            label={t('auth.password')}
            description={t('auth.setup.passwordHint')}
            required
            {...form.getInputProps('password')}
          />
          <NewPasswordInput label={t('auth.setup.confirm')} required {...form.getInputProps('confirm')} />
          <Button type="submit" loading={busy}>
            {t('auth.setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
