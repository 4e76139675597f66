import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Recipient } from '../../src/contract';
import { AccessMenu } from '../access/AccessMenu';
import { AccessSection } from '../access/AccessSection';
import { useAccessOverview } from '../access/useAccessOverview';
import { describeAction, describeDetails, formatTime } from '../activity/describe';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { RecipientPackages } from '../packages/RecipientPackages';
import { RecipientForm } from './RecipientForm';

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value ?? '—'}</Text>
    </div>
  );
}

export function RecipientDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const recipient = useQuery(() => invoke('recipients.get', { id }), [id]);
  const history = useQuery(() => invoke('activity.list', { recipientId: id, limit: 50 }), [id]);
  const access = useAccessOverview(id);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<Error | null>(null);
  const reloadRecipient = recipient.reload;
  const reloadHistory = history.reload;

  useEffect(() => on('recipients.changed', (e) => e.id === id && reloadRecipient()), [id, reloadRecipient]);
  // Any new audit entry may belong to this recipient (an edit, a PIN sent or looked up, a door event): the history query filters.
  useEffect(() => on('activity.appended', reloadHistory), [reloadHistory]);

  const r: Recipient | undefined = recipient.data;

  async function setStatus(status: Recipient['status']) {
    setConfirming(false);
    try {
      await invoke('recipients.setStatus', { id, status });
      setActionError(null);
    } catch (error) {
      setActionError(error as Error);
    }
  }

  return (
    <Stack>
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack}>
          Back to Recipients
        </Button>
      </Group>
      <ErrorAlert error={recipient.error} title="Could not load this recipient" />
      {r && (
        <>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2}>
                {r.firstName} {r.lastName}
              </Title>
              <Group gap="xs">
                <Text c="dimmed">Recipient Detail View · Unit {r.unit}</Text>
                <Badge color={r.status === 'active' ? 'green' : 'gray'} variant="light">
                  {r.status === 'active' ? 'Active' : 'Inactive'}
                </Badge>
              </Group>
            </div>
            <Group>
              <AccessMenu recipient={r} overview={access.data} />
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
                Edit
              </Button>
              {r.status === 'active' ? (
                <Button color="red" variant="light" onClick={() => setConfirming(true)}>
                  Deactivate
                </Button>
              ) : (
                <Button variant="light" onClick={() => void setStatus('active')}>
                  Reactivate
                </Button>
              )}
            </Group>
          </Group>
          <ErrorAlert error={actionError} />
          <Card withBorder component="section" aria-label="Contact details">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Field label="First name" value={r.firstName} />
              <Field label="Last name" value={r.lastName} />
              <Field label="Unit" value={r.unit} />
              <Field label="Email" value={r.email} />
              <Field label="Phone" value={r.phone} />
              <Field label="Resident ID" value={r.externalId} />
            </SimpleGrid>
          </Card>
          <ErrorAlert error={access.error} title="Could not load this recipient's access" />
          {access.data && <AccessSection overview={access.data} />}
          <RecipientPackages recipientId={r.id} />
          <Title order={3}>History</Title>
          <Table aria-label="History">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data?.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatTime(e.at)}</Table.Td>
                  <Table.Td>{e.actor}</Table.Td>
                  <Table.Td>{describeAction(e.action)}</Table.Td>
                  <Table.Td>{describeDetails(e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <RecipientForm opened={editing} recipient={r} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
          <Modal opened={confirming} onClose={() => setConfirming(false)} title="Deactivate this recipient?">
            <Stack>
              <Text>
                {r.firstName} {r.lastName} will no longer appear in active searches. Their history is kept, and you can reactivate them
                later.
              </Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
                <Button color="red" onClick={() => void setStatus('inactive')}>
                  Deactivate
                </Button>
              </Group>
            </Stack>
          </Modal>
        </>
      )}
    </Stack>
  );
}
