import { Badge, Button, Card, Group, Modal, PasswordInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { SessionInfo, StaffRole } from '../../src/contract';
import { invoke } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';

const fields = ['username', 'displayName', 'role', 'password'] as const;

export function StaffAccounts({ session }: { session: SessionInfo }) {
  const staff = useQuery(() => invoke('staff.list', {}), []);
  const [adding, setAdding] = useState(false);
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
            Staff accounts
          </Title>
          <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            Add staff account
          </Button>
        </Group>
        <ErrorAlert error={error ?? staff.error} />
        <Table aria-label="Staff accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>User name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.data?.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.displayName}</Table.Td>
                <Table.Td>{s.username}</Table.Td>
                <Table.Td>{s.role === 'admin' ? 'Admin' : 'Staff'}</Table.Td>
                <Table.Td>
                  <Badge color={s.active ? 'green' : 'gray'} variant="light">
                    {s.active ? 'Active' : 'Inactive'}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {s.id !== session.staffId && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => void setActive(s.id, !s.active)}
                      aria-label={`${s.active ? 'Deactivate' : 'Reactivate'} ${s.username}`}
                    >
                      {s.active ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <AddStaff opened={adding} onClose={() => setAdding(false)} onSaved={() => (setAdding(false), staff.reload())} />
    </Card>
  );
}

function AddStaff({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: () => void }) {
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
    <Modal opened={opened} onClose={onClose} title="Add staff account">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formError} />
          <TextInput
            label="Name"
            value={values.displayName}
            onChange={(e) => setValues({ ...values, displayName: e.currentTarget.value })}
            error={errors.displayName}
            data-autofocus
          />
          <TextInput
            label="User name"
            value={values.username}
            onChange={(e) => setValues({ ...values, username: e.currentTarget.value })}
            error={errors.username}
          />
          <Select
            label="Role"
            allowDeselect={false}
            data={[
              { value: 'staff', label: 'Staff' },
              { value: 'admin', label: 'Admin' },
            ]}
            value={values.role}
            onChange={(v) => v && setValues({ ...values, role: v as StaffRole })}
            error={errors.role}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
            error={errors.password}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Add account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
