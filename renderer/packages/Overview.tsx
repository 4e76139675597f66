import { BarChart } from '@mantine/charts';
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';

function Stat({ label, value }: { label: string; value: string | number }) {
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
  const overview = useQuery(() => invoke('packages.overview', {}), []);
  const reload = overview.reload;
  useEffect(() => on('packages.changed', reload), [reload]);
  const o = overview.data;
  return (
    <Card withBorder component="section" aria-labelledby="overview-heading">
      <Stack gap="xs">
        <Title order={3} id="overview-heading">
          Overview
        </Title>
        <ErrorAlert error={overview.error} title="Could not load the overview" />
        {o && (
          <Group align="flex-start" grow>
            <SimpleGrid cols={4} spacing="sm" aria-label="Waiting now">
              <Stat label="Waiting now" value={o.waiting} />
              <Stat label="Picked up today" value={o.pickedUpToday} />
              <Stat label="Average hours to pickup (30 days)" value={o.averageHoursToPickup ?? '—'} />
              <div />
              <Stat label="Waiting 0–2 days" value={o.waitingByAge['0-2']} />
              <Stat label="3–7 days" value={o.waitingByAge['3-7']} />
              <Stat label="8–14 days" value={o.waitingByAge['8-14']} />
              <Stat label="15+ days" value={o.waitingByAge['15+']} />
            </SimpleGrid>
            <div
              role="img"
              aria-label={`Packages logged and picked up per day over the last 30 days: ${o.perDay.reduce((n, d) => n + d.logged, 0)} logged, ${o.perDay.reduce((n, d) => n + d.pickedUp, 0)} picked up.`}
            >
              <BarChart
                h={160}
                data={o.perDay.map((d) => ({ ...d, day: d.day.slice(5) }))}
                dataKey="day"
                series={[
                  { name: 'logged', label: 'Logged', color: 'indigo.6' },
                  { name: 'pickedUp', label: 'Picked up', color: 'teal.6' },
                ]}
                withLegend
                tickLine="none"
              />
            </div>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
