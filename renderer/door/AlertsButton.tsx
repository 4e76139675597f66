import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import type { Alert } from '../../src/contract';
import type { ApiError } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { formatDateTime, sentenceText, useTranslation } from '../i18n';
import { useAlerts } from './useDoor';

/** Things staff must see (repeated wrong PINs, a lockout, a missing device, a channel not set up) until acknowledged or fixed. */
export function AlertsButton() {
  const { alerts, error, acknowledge } = useAlerts();
  return <AlertsBell alerts={alerts} error={error} onAcknowledge={(id) => void acknowledge(id)} />;
}

interface BellProps {
  alerts: Alert[] | undefined;
  error: ApiError | null;
  onAcknowledge: (id: number) => void;
}

/** Where an alert's cause is fixed, for the alerts that stand until it is. */
const fixedIn: Partial<Record<string, string>> = {
  'notification.emailNotSetUp': '#/settings/notifications',
  'notification.smsNotSetUp': '#/settings/notifications',
};

export function AlertsBell({ alerts, error, onAcknowledge }: BellProps) {
  const { t } = useTranslation();
  const count = alerts?.length ?? 0;
  return (
    <Popover position="bottom-end" width={380} shadow="md" withinPortal>
      <Popover.Target>
        {/* Visible overflow: the count sits on the button's corner and would otherwise be cut in half. */}
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={t('alerts.button')}
          title={t('alerts.open', { count })}
          style={{ overflow: 'visible', flexShrink: 0 }}
        >
          <Indicator label={count > 99 ? '99+' : count} size={18} color="red" disabled={count === 0} offset={-4}>
            <IconBell size={20} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text fw={600}>{count === 0 ? t('alerts.none') : t('alerts.open', { count })}</Text>
          <ErrorAlert error={error} title={t('alerts.unavailable')} />
          <ScrollArea.Autosize mah={360}>
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('alerts.list')}>
              {alerts?.map((a) => (
                <li key={a.id}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div style={{ flex: 1 }}>
                      <Text size="sm">{sentenceText(a.message)}</Text>
                      <Group gap="xs">
                        <Text size="xs" c="dimmed">
                          {a.node === null ? formatDateTime(a.at) : t('alerts.atNode', { at: formatDateTime(a.at), node: a.node })}
                        </Text>
                        {fixedIn[a.kind] && (
                          <Anchor size="xs" href={fixedIn[a.kind]}>
                            {t('alerts.fix')}
                          </Anchor>
                        )}
                      </Group>
                    </div>
                    <Button size="compact-sm" variant="light" style={{ flexShrink: 0 }} onClick={() => onAcknowledge(a.id)}>
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
