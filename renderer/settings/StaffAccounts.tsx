import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { api, type MethodInput, type SessionInfo, type StaffAccount } from '../../src/contract';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { NewPasswordInput } from '../components/form/NewPasswordInput';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { useStaff } from './useStaff';

export function StaffAccounts({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const { staff, error, setActive, create, resetPassword } = useStaff();
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<StaffAccount | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

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
          onReset={resetPassword}
          onClose={() => setResetting(null)}
          onDone={() => {
            setNotice(t('settings.staff.resetDone', { username: resetting.username }));
            setResetting(null);
          }}
        />
      )}
      <AddStaff opened={adding} onClose={() => setAdding(false)} onCreate={create} onSaved={() => setAdding(false)} />
    </Card>
  );
}

interface AddStaffProps {
  opened: boolean;
  onClose: () => void;
  onCreate: (input: MethodInput<'staff.create'>) => Promise<void>;
  onSaved: () => void;
}

function AddStaff({ opened, onClose, onCreate, onSaved }: AddStaffProps) {
  const { t } = useTranslation();
  const { form, submit, busy, formError, reset } = usePackroomForm({
    schema: api['staff.create'].input,
    initialValues: { username: '', displayName: '', role: 'staff', password: '' },
    toInput: (values: MethodInput<'staff.create'>) => values,
    onSubmit: async (input) => {
      await onCreate(input);
      reset();
      onSaved();
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.staff.add')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formError} />
          <TextInput label={t('settings.staff.name')} {...form.getInputProps('displayName')} data-autofocus />
          <TextInput label={t('auth.userName')} {...form.getInputProps('username')} />
          <Select
            label={t('settings.staff.role')}
            allowDeselect={false}
            data={[
              { value: 'staff', label: t('roles.staff') },
              { value: 'admin', label: t('roles.admin') },
            ]}
            {...form.getInputProps('role')}
          />
          <NewPasswordInput
            label={t('settings.staff.password')}
            description={t('settings.staff.passwordHint')}
            {...form.getInputProps('password')}
          />
          <DialogActions label={t('settings.staff.submit')} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Settings → Staff accounts → Reset password: a temporary password the person replaces at their next sign-in. */
interface ResetPasswordProps {
  account: StaffAccount;
  onReset: (input: MethodInput<'staff.resetPassword'>) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}

function ResetPassword({ account, onReset, onClose, onDone }: ResetPasswordProps) {
  const { t } = useTranslation();
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['staff.resetPassword'].input,
    initialValues: { id: account.id, password: '' },
    toInput: (values: MethodInput<'staff.resetPassword'>) => values,
    onSubmit: async (input) => {
      await onReset(input);
      onDone();
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('settings.staff.resetPasswordFor', { username: account.username })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('settings.staff.resetPasswordHint', { name: account.displayName })}</Text>
          <ErrorAlert error={formError} />
          <NewPasswordInput
            label={t('settings.staff.temporaryPassword')}
            description={t('settings.staff.passwordHint')}
            {...form.getInputProps('password')}
            data-autofocus
          />
          <DialogActions label={t('settings.staff.resetSubmit')} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
