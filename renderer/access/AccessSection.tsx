import { Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Trans } from 'react-i18next';
import type { AccessOverview } from '../../src/contract';
import { usePhoneFormat } from '../components/usePhoneFormat';
import { formatDate, formatDateTime, useTranslation } from '../i18n';
import { channelLabel, describeDelivery, describeSingleAccess } from './describeAccess';

const statusColor = { active: 'green.9', used: 'blue.9', expired: 'dimmed', revoked: 'dimmed' } as const;
const deliveryColor = { pending: 'orange.9', sent: 'green.9', failed: 'red.9' } as const;

/** What opens the door for this recipient and what they were sent; the secrets themselves stay hidden. */
export function AccessSection({ overview }: { overview: AccessOverview }) {
  const { t } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="access-heading">
      <Title order={3} id="access-heading">
        {t('access.section.title')}
      </Title>
      <PermanentCredentials overview={overview} />
      <Title order={4}>{t('access.section.singleAccessPins')}</Title>
      <SingleAccessTable overview={overview} />
      <Title order={4}>{t('access.section.notifications')}</Title>
      <NotificationsTable overview={overview} />
    </Stack>
  );
}

function PermanentCredentials({ overview }: { overview: AccessOverview }) {
  const { t } = useTranslation();
  const permanent = overview.permanent;
  if (!permanent) {
    return (
      <Card withBorder>
        <Text>{t('access.section.noPermanent')}</Text>
      </Card>
    );
  }
  return (
    <Card withBorder>
      <Group gap="xl">
        <Text>
          <Trans
            i18nKey="access.section.pin"
            count={permanent.pinLength}
            values={{ dots: '•'.repeat(permanent.pinLength), date: formatDate(permanent.createdAt) }}
            components={{ hidden: <span aria-hidden /> }}
          />
        </Text>
        <Text>{t('access.section.qrIssued', { date: formatDate(permanent.createdAt) })}</Text>
      </Group>
    </Card>
  );
}

function SingleAccessTable({ overview }: { overview: AccessOverview }) {
  const { t } = useTranslation();
  if (overview.singleAccess.length === 0) return <Text c="dimmed">{t('access.section.noSingle')}</Text>;
  return (
    <Table aria-label={t('access.section.singleAccessPins')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('access.section.created')}</Table.Th>
          <Table.Th>{t('access.section.createdBy')}</Table.Th>
          <Table.Th>{t('access.section.expires')}</Table.Th>
          <Table.Th>{t('access.section.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {overview.singleAccess.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
            <Table.Td>{s.createdBy ?? t('access.section.keypadRequest')}</Table.Td>
            <Table.Td>{formatDateTime(s.expiresAt)}</Table.Td>
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
  const phone = usePhoneFormat();
  const { t } = useTranslation();
  if (overview.notifications.length === 0) return <Text c="dimmed">{t('access.section.nothingSent')}</Text>;
  return (
    <Table aria-label={t('access.section.notifications')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('access.section.queued')}</Table.Th>
          <Table.Th>{t('access.section.channel')}</Table.Th>
          <Table.Th>{t('access.section.to')}</Table.Th>
          <Table.Th>{t('access.section.status')}</Table.Th>
          <Table.Th>{t('access.section.attempts')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {overview.notifications.map((n) => (
          <Table.Tr key={n.id}>
            <Table.Td>{formatDateTime(n.createdAt)}</Table.Td>
            <Table.Td>{channelLabel(n.channel)}</Table.Td>
            <Table.Td>{n.channel === 'sms' ? phone(n.destination) : n.destination}</Table.Td>
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
