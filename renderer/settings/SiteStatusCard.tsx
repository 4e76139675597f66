import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SiteStatus } from '../../src/contract';
import { formatAgo, formatDateTime, useTranslation } from '../i18n';
import { useSiteStatus } from '../site/useSiteStatus';

/** How often the card reads the status again: when each other node was last heard from is not pushed, and "2 minutes ago" ages. */
const rereadMs = 30_000;

/** Settings → This computer: the building's other Packroom computers as this one sees them, or that it works alone. */
export function SiteStatusCard() {
  const status = useSiteStatus(rereadMs);
  // "2 minutes ago" is counted from the last reading, moved on at each re-read.
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), rereadMs);
    return () => clearInterval(timer);
  }, []);
  return <SiteStatusView status={status} now={now} />;
}

export function SiteStatusView({ status, now }: { status: SiteStatus | null | undefined; now: number }) {
  const { t } = useTranslation();
  if (status === undefined) return null;
  return (
    <Card withBorder component="section" aria-labelledby="settings-site-status">
      <Stack>
        <Title order={3} id="settings-site-status">
          {t('site.card.title')}
        </Title>
        {status === null ? <Text>{t('site.card.alone')}</Text> : <NodeStatus status={status} now={now} />}
      </Stack>
    </Card>
  );
}

function NodeStatus({ status, now }: { status: SiteStatus; now: number }) {
  const { t } = useTranslation();
  const connection = status.connected
    ? t('site.card.connected')
    : status.disconnectedSince === null
      ? t('site.card.connecting')
      : t('site.card.notConnected', { at: status.disconnectedSince });
  return (
    <>
      <Stack gap={4}>
        <Text>{t('site.card.names', { site: status.site, node: status.node })}</Text>
        <Text fw={700}>{connection}</Text>
        <Text>{t('site.card.waiting', { count: status.pendingOut })}</Text>
      </Stack>
      {status.nodes.length === 0 ? (
        <Text c="dimmed">{t('site.card.noneHeard')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('site.card.computer')}</Table.Th>
              <Table.Th>{t('site.card.lastHeard')}</Table.Th>
              <Table.Th>{t('site.card.delay')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.nodes.map((n) => (
              <Table.Tr key={n.node}>
                <Table.Td>{n.node}</Table.Td>
                <Table.Td>
                  {formatAgo(n.lastSeenAt, now)}
                  <Text span c="dimmed" size="sm">
                    {' '}
                    ({formatDateTime(n.lastSeenAt)})
                  </Text>
                </Table.Td>
                <Table.Td>{t('site.card.seconds', { n: n.lagMs / 1000 })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
