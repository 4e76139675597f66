import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';

const fields = ['currentPassword', 'newPassword'] as const;

/** The signed-in person's own password: Settings → My account, and the screen after an admin's reset. */
export function ChangePasswordForm({ submitLabel, onChanged }: { submitLabel: string; onChanged: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const empty = { currentPassword: '', newPassword: '' };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setChanged(false);
    try {
      const session = await invoke('account.changePassword', values);
      setValues(empty);
      setErrors({});
      setFormError(null);
      setChanged(true);
      onChanged(session);
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={formError} />
        <PasswordInput
          label={t('settings.account.currentPassword')}
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={(e) => setValues({ ...values, currentPassword: e.currentTarget.value })}
          error={errors.currentPassword}
        />
        <PasswordInput
          label={t('settings.account.newPassword')}
          description={t('settings.account.newPasswordHint')}
          autoComplete="new-password"
          value={values.newPassword}
          onChange={(e) => setValues({ ...values, newPassword: e.currentTarget.value })}
          error={errors.newPassword}
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
