import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { api, type MethodInput } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { AuthCard } from './AuthCard';

interface Props {
  siteName: string;
  /** Said instead of the site's name (after signing out). */
  notice?: string;
  onSignIn: (input: MethodInput<'auth.login'>) => Promise<unknown>;
}

export function LoginScreen({ siteName, notice, onSignIn }: Props) {
  const { t } = useTranslation();
  const { form, submit, busy, formError, reset } = usePackroomForm({
    schema: api['auth.login'].input,
    initialValues: { username: '', password: '' },
    toInput: (values: MethodInput<'auth.login'>) => values,
    onSubmit: async (input, values) => {
      try {
        await onSignIn(input);
      } catch (error) {
        // A refused password is typed again from the start; the refusal shows above the form.
        reset({ username: values.username });
        throw error;
      }
    },
  });

  return (
    <AuthCard title={t('auth.login.title')} subtitle={notice ?? siteName}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formError} title={t('auth.login.failed')} />
          <TextInput label={t('auth.userName')} autoComplete="username" {...form.getInputProps('username')} autoFocus />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={busy}>
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
