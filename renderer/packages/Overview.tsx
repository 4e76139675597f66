import { BarChart } from '@mantine/charts';
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../components/ErrorText';
import { formatDate, formatNumber, useTranslation } from '../i18n';
import { usePackageOverview } from './usePackages';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </div>
  );
}

/** Waiting now by age, picked up today, hours to pickup, and the last 30 days per day. */
export function Overview() {
  const { t } = useTranslation();
  const overview = usePackageOverview();
  const o = overview.data;
  return (
    <Card withBorder component="section" aria-labelledby="overview-heading">
      <Stack gap="xs">
        <Title order={3} id="overview-heading">
          {t('packages.overview.title')}
        </Title>
        <ErrorAlert error={overview.error} title={t('packages.overview.loadFailed')} />
        {o && (
          <Group align="flex-start" grow>
            <SimpleGrid cols={4} spacing="sm" aria-label={t('packages.overview.waitingNow')}>
              <Stat label={t('packages.overview.waitingNow')} value={formatNumber(o.waiting)} />
              <Stat label={t('packages.overview.pickedUpToday')} value={formatNumber(o.pickedUpToday)} />
              <Stat
                label={t('packages.overview.averageHours')}
                value={o.averageHoursToPickup === null ? t('common.none') : formatNumber(o.averageHoursToPickup)}
              />
              <div />
              <Stat label={t('packages.overview.waiting0to2')} value={formatNumber(o.waitingByAge['0-2'])} />
              <Stat label={t('packages.overview.days3to7')} value={formatNumber(o.waitingByAge['3-7'])} />
              <Stat label={t('packages.overview.days8to14')} value={formatNumber(o.waitingByAge['8-14'])} />
              <Stat label={t('packages.overview.days15plus')} value={formatNumber(o.waitingByAge['15+'])} />
            </SimpleGrid>
            <div
              role="img"
              aria-label={t('packages.overview.chart', {
                logged: formatNumber(o.perDay.reduce((n, d) => n + d.logged, 0)),
                pickedUp: formatNumber(o.perDay.reduce((n, d) => n + d.pickedUp, 0)),
              })}
            >
              <BarChart
                h={160}
                data={o.perDay.map((d) => ({ ...d, day: formatDate(d.day) }))}
                dataKey="day"
                series={[
                  { name: 'logged', label: t('packages.overview.logged'), color: 'indigo.6' },
                  { name: 'pickedUp', label: t('packages.overview.pickedUp'), color: 'teal.6' },
                ]}
                withLegend
                tickLine="none"
                valueFormatter={formatNumber}
              />
            </div>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
