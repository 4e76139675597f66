import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { DoorStatus } from '../../src/contract';
import type { ApiError } from '../api/client';
import { headerBadgeProps } from '../components/headerBadge';
import { problemLabel } from '../devices/problemLabels';
import { errorText, formatTime, i18n, useTranslation } from '../i18n';
import { ResetLockoutDialog } from './ResetLockoutDialog';
import { useDoorStatus } from './useDoor';

/** The door relay and keypad at a glance, kept current by the core's door.status events. */
export function DoorStatusBadge() {
  const { status, error } = useDoorStatus();
  return <DoorStatusView status={status} error={error} />;
}

export function DoorStatusView({ status, error }: { status: DoorStatus | undefined; error: ApiError | null }) {
  const { t } = useTranslation();
  const [resetting, setResetting] = useState(false);

  if (!status) {
    if (!error) return null;
    return (
      <Tooltip label={errorText(error)} multiline w={280}>
        <Badge color="gray" tabIndex={0} {...headerBadgeProps}>
          {t('door.unknown')}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={<DeviceList status={status} />} multiline w={280}>
        {status.relay === 'none' ? (
          // Nothing assigned yet (a fresh install): where to set one up, not an alarm.
          <Badge component="a" href="#/settings/devices" color="orange" {...headerBadgeProps} style={{ cursor: 'pointer' }}>
            {t('door.noRelay')}
          </Badge>
        ) : (
          <Badge color={relayColor[status.relay]} tabIndex={0} role="status" {...headerBadgeProps}>
            {status.relay === 'missing' ? relayProblem(status) : t(`door.relayState.${status.relay}`)}
          </Badge>
        )}
      </Tooltip>
      {status.keypadLockedUntil && (
        <>
          <Badge color="orange" {...headerBadgeProps}>
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

const relayColor = { open: 'green', closed: 'gray', missing: 'red' } as const;

/** An assigned relay that is not there, in the device manager's words: unplugged, or why it cannot be opened. */
function relayProblem(status: DoorStatus): string {
  const problem = status.devices.find((d) => d.role === 'relay')?.problem ?? null;
  if (problem === null || problem === 'not-connected' || problem === 'disconnected') return i18n.t('door.relayUnplugged');
  return i18n.t('door.relayProblem', { problem: problemLabel(problem) });
}

function DeviceList({ status }: { status: DoorStatus }) {
  const { t } = useTranslation();
  if (status.devices.length === 0) return <Text size="sm">{status.relay === 'none' ? t('door.noRelayHint') : t('door.noDevices')}</Text>;
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
