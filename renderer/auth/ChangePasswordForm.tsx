import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api, type MethodInput, type SessionInfo } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { NewPasswordInput } from '../components/form/NewPasswordInput';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { authCalls } from './useAuth';

/** The signed-in person's own password: Settings → My account, and the screen after an admin's reset. */
export function ChangePasswordForm({ submitLabel, onChanged }: { submitLabel: string; onChanged: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [changed, setChanged] = useState(false);
  const { form, submit, busy, formError, reset } = usePackroomForm({
    schema: api['account.changePassword'].input,
    initialValues: { currentPassword: '', newPassword: '' },
    toInput: (values: MethodInput<'account.changePassword'>) => values,
    onSubmit: async (input) => {
      setChanged(false);
      const session = await authCalls.changePassword(input);
      reset();
      setChanged(true);
      onChanged(session);
    },
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={formError} />
        <PasswordInput
          label={t('settings.account.currentPassword')}
          autoComplete="current-password"
          {...form.getInputProps('currentPassword')}
        />
        <NewPasswordInput
          label={t('settings.account.newPassword')}
          description={t('settings.account.newPasswordHint')}
          {...form.getInputProps('newPassword')}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {changed && (
            <Text c="green.9" role="status">
              {t('settings.account.passwordChanged')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
