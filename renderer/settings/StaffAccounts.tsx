import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { SessionInfo, StaffAccount, StaffRole } from '../../src/contract';
import { invoke } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';

const fields = ['username', 'displayName', 'role', 'password'] as const;

export function StaffAccounts({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const staff = useQuery(() => invoke('staff.list', {}), []);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<StaffAccount | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function setActive(id: number, active: boolean) {
    try {
      await invoke('staff.setActive', { id, active });
      setError(null);
      staff.reload();
    } catch (e) {
      setError(e as Error);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="staff-accounts">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="staff-accounts">
            {t('settings.staff.title')}
          </Title>
          <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            {t('settings.staff.add')}
          </Button>
        </Group>
        <ErrorAlert error={error ?? staff.error} />
        {notice && (
          <Text c="green.9" role="status">
            {notice}
          </Text>
        )}
        <Table aria-label={t('settings.staff.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.staff.name')}</Table.Th>
              <Table.Th>{t('auth.userName')}</Table.Th>
              <Table.Th>{t('settings.staff.role')}</Table.Th>
              <Table.Th>{t('settings.staff.status')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('settings.staff.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.data?.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.displayName}</Table.Td>
                <Table.Td>{s.username}</Table.Td>
                <Table.Td>{t(`roles.${s.role}`)}</Table.Td>
                <Table.Td>
                  <Badge color={s.active ? 'green' : 'gray'} variant="light">
                    {s.active ? t('common.active') : t('common.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {s.id !== session.staffId && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => {
                        setNotice(null);
                        setResetting(s);
                      }}
                      aria-label={t('settings.staff.resetPasswordFor', { username: s.username })}
                    >
                      {t('settings.staff.resetPassword')}
                    </Button>
                  )}
                  {s.id !== session.staffId && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => void setActive(s.id, !s.active)}
                      aria-label={t('settings.staff.toggle', {
                        action: s.active ? t('common.deactivate') : t('common.reactivate'),
                        username: s.username,
                      })}
                    >
                      {s.active ? t('common.deactivate') : t('common.reactivate')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {resetting && (
        <ResetPassword
          account={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            setNotice(t('settings.staff.resetDone', { username: resetting.username }));
            setResetting(null);
          }}
        />
      )}
      <AddStaff opened={adding} onClose={() => setAdding(false)} onSaved={() => (setAdding(false), staff.reload())} />
    </Card>
  );
}

function AddStaff({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const empty = { username: '', displayName: '', role: 'staff' as StaffRole, password: '' };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await invoke('staff.create', values);
      setValues(empty);
      setErrors({});
      setFormError(null);
      onSaved();
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.staff.add')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formError} />
          <TextInput
            label={t('settings.staff.name')}
            value={values.displayName}
            onChange={(e) => setValues({ ...values, displayName: e.currentTarget.value })}
            error={errors.displayName}
            data-autofocus
          />
          <TextInput
            label={t('auth.userName')}
            value={values.username}
            onChange={(e) => setValues({ ...values, username: e.currentTarget.value })}
            error={errors.username}
          />
          <Select
            label={t('settings.staff.role')}
            allowDeselect={false}
            data={[
              { value: 'staff', label: t('roles.staff') },
              { value: 'admin', label: t('roles.admin') },
            ]}
            value={values.role}
            onChange={(v) => v && setValues({ ...values, role: v as StaffRole })}
            error={errors.role}
          />
          <PasswordInput
            label={t('settings.staff.password')}
            description={t('settings.staff.passwordHint')}
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
            error={errors.password}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('settings.staff.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Settings → Staff accounts → Reset password: a temporary password the person replaces at their next sign-in. */
function ResetPassword({ account, onClose, onDone }: { account: StaffAccount; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await invoke('staff.resetPassword', { id: account.id, password });
      onDone();
    } catch (error) {
      const split = splitError(error, ['password']);
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('settings.staff.resetPasswordFor', { username: account.username })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('settings.staff.resetPasswordHint', { name: account.displayName })}</Text>
          <ErrorAlert error={formError} />
          <PasswordInput
            label={t('settings.staff.temporaryPassword')}
            description={t('settings.staff.passwordHint')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('settings.staff.resetSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
