import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DoorStatus } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { problemLabel } from '../devices/problemLabels';
import { errorText, formatTime, useTranslation } from '../i18n';
import { ResetLockoutDialog } from './ResetLockoutDialog';

/** The door relay and keypad at a glance, kept current by the core's door.status events. */
export function DoorStatusBadge() {
  const { t } = useTranslation();
  const loaded = useQuery(() => invoke('door.status', {}), []);
  const [pushed, setPushed] = useState<DoorStatus | null>(null);
  const [resetting, setResetting] = useState(false);
  useEffect(() => on('door.status', setPushed), []);
  const status = pushed ?? loaded.data;

  if (!status) {
    if (!loaded.error) return null;
    return (
      <Tooltip label={errorText(loaded.error)} multiline w={280}>
        <Badge color="gray" variant="light" size="lg" tabIndex={0}>
          {t('door.unknown')}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={<DeviceList status={status} />} multiline w={280}>
        <Badge {...relayLook(status.relay)} variant="light" size="lg" tabIndex={0} role="status" tt="none">
          {status.relay === 'missing' ? t('door.relayMissing') : t(`door.relayState.${status.relay}`)}
        </Badge>
      </Tooltip>
      {status.keypadLockedUntil && (
        <>
          <Badge color="orange" variant="light" size="lg" tt="none">
            {t('door.lockedUntil', { time: formatTime(status.keypadLockedUntil) })}
          </Badge>
          <Button size="compact-sm" variant="light" color="orange" onClick={() => setResetting(true)}>
            {t('door.resetLockout')}
          </Button>
        </>
      )}
      <ResetLockoutDialog opened={resetting} onClose={() => setResetting(false)} />
    </Group>
  );
}

const relayLook = (relay: DoorStatus['relay']) => ({ color: relay === 'open' ? 'green' : relay === 'closed' ? 'gray' : 'red' });

function DeviceList({ status }: { status: DoorStatus }) {
  const { t } = useTranslation();
  if (status.devices.length === 0) return <Text size="sm">{t('door.noDevices')}</Text>;
  return (
    <Stack gap={2}>
      {status.devices.map((d) => (
        <Text size="sm" key={`${d.role}:${d.name}`}>
          {t('door.device', {
            role: t(`door.role.${d.role}`),
            name: d.name,
            state: d.connected ? t('door.connected') : d.problem ? problemLabel(d.problem).toLowerCase() : t('door.notConnected'),
          })}
        </Text>
      ))}
    </Stack>
  );
}
