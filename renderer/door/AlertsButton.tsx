import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { formatDateTime, sentenceText, useTranslation } from '../i18n';

/** Things staff must see (repeated wrong PINs, a lockout, a missing device, a failed send) until someone acknowledges them. */
export function AlertsButton() {
  const { t } = useTranslation();
  const alerts = useQuery(() => invoke('alerts.list', {}), []);
  const { reload } = alerts;
  useEffect(() => on('alerts.changed', reload), [reload]);
  const [ackError, setAckError] = useState<Error | null>(null);
  const count = alerts.data?.length ?? 0;

  async function acknowledge(id: number) {
    try {
      await invoke('alerts.acknowledge', { id });
      setAckError(null);
      reload();
    } catch (e) {
      setAckError(e as Error);
    }
  }

  return (
    <Popover position="bottom-end" width={380} shadow="md" withinPortal>
      <Popover.Target>
        <ActionIcon variant="default" size="lg" aria-label={t('alerts.button')} title={t('alerts.open', { count })}>
          <Indicator label={count} size={16} color="red" disabled={count === 0} offset={-2}>
            <IconBell size={20} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text fw={600}>{count === 0 ? t('alerts.none') : t('alerts.open', { count })}</Text>
          <ErrorAlert error={ackError ?? alerts.error} title={t('alerts.unavailable')} />
          <ScrollArea.Autosize mah={360}>
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('alerts.list')}>
              {alerts.data?.map((a) => (
                <li key={a.id}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div style={{ flex: 1 }}>
                      <Text size="sm">{sentenceText(a.message)}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(a.at)}
                      </Text>
                    </div>
                    <Button size="compact-sm" variant="light" style={{ flexShrink: 0 }} onClick={() => void acknowledge(a.id)}>
                      {t('alerts.acknowledge')}
                    </Button>
                  </Group>
                </li>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
