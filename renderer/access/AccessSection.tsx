import { Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { AccessOverview } from '../../src/contract';
import { formatTime } from '../activity/describe';
import { channelLabel, describeDelivery, describeSingleAccess, formatDate } from './describeAccess';

const statusColor = { active: 'green.8', used: 'blue.8', expired: 'dimmed', revoked: 'dimmed' } as const;
const deliveryColor = { pending: 'yellow.9', sent: 'green.8', failed: 'red.8' } as const;

/** What opens the door for this recipient and what they were sent; the secrets themselves stay hidden. */
export function AccessSection({ overview }: { overview: AccessOverview }) {
  return (
    <Stack component="section" aria-labelledby="access-heading">
      <Title order={3} id="access-heading">
        Access
      </Title>
      <PermanentCredentials overview={overview} />
      <Title order={4}>Single Access PINs</Title>
      <SingleAccessTable overview={overview} />
      <Title order={4}>Notifications</Title>
      <NotificationsTable overview={overview} />
    </Stack>
  );
}

function PermanentCredentials({ overview }: { overview: AccessOverview }) {
  const permanent = overview.permanent;
  if (!permanent) {
    return (
      <Card withBorder>
        <Text>No PIN or QR code yet. Use the Shield button, then Regenerate PIN and QR code, to issue them.</Text>
      </Card>
    );
  }
  return (
    <Card withBorder>
      <Group gap="xl">
        <Text>
          PIN <span aria-hidden>{'•'.repeat(permanent.pinLength)}</span> ({permanent.pinLength} digits), issued{' '}
          {formatDate(permanent.createdAt)}
        </Text>
        <Text>QR code issued {formatDate(permanent.createdAt)}</Text>
      </Group>
    </Card>
  );
}

function SingleAccessTable({ overview }: { overview: AccessOverview }) {
  if (overview.singleAccess.length === 0) return <Text c="dimmed">No Single Access PINs yet.</Text>;
  return (
    <Table aria-label="Single Access PINs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Created</Table.Th>
          <Table.Th>Created by</Table.Th>
          <Table.Th>Expires</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {overview.singleAccess.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{formatTime(s.createdAt)}</Table.Td>
            <Table.Td>{s.createdBy ?? 'Keypad request'}</Table.Td>
            <Table.Td>{formatTime(s.expiresAt)}</Table.Td>
            <Table.Td>
              <Text c={statusColor[s.status]} size="sm" fw={500}>
                {describeSingleAccess(s)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function NotificationsTable({ overview }: { overview: AccessOverview }) {
  if (overview.notifications.length === 0) return <Text c="dimmed">Nothing sent yet.</Text>;
  return (
    <Table aria-label="Notifications">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Queued</Table.Th>
          <Table.Th>Channel</Table.Th>
          <Table.Th>To</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Attempts</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {overview.notifications.map((n) => (
          <Table.Tr key={n.id}>
            <Table.Td>{formatTime(n.createdAt)}</Table.Td>
            <Table.Td>{channelLabel(n.channel)}</Table.Td>
            <Table.Td>{n.destination}</Table.Td>
            <Table.Td>
              <Text c={deliveryColor[n.status]} size="sm" fw={500}>
                {describeDelivery(n)}
              </Text>
            </Table.Td>
            <Table.Td>{n.attempts}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
