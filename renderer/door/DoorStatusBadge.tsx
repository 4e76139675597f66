import { Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DoorStatus } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { problemLabels } from '../devices/problemLabels';
import { ResetLockoutDialog } from './ResetLockoutDialog';

const roleLabel = { keypad: 'Keypad', reader: 'QR reader', relay: 'Door relay' } as const;
const formatClock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The door relay and keypad at a glance, kept current by the core's door.status events. */
export function DoorStatusBadge() {
  const loaded = useQuery(() => invoke('door.status', {}), []);
  const [pushed, setPushed] = useState<DoorStatus | null>(null);
  const [resetting, setResetting] = useState(false);
  useEffect(() => on('door.status', setPushed), []);
  const status = pushed ?? loaded.data;

  if (!status) {
    if (!loaded.error) return null;
    return (
      <Tooltip label={loaded.error.message} multiline w={280}>
        <Badge color="gray" variant="light" size="lg" tabIndex={0}>
          Door: unknown
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={<DeviceList status={status} />} multiline w={280}>
        <Badge {...relayLook(status.relay)} variant="light" size="lg" tabIndex={0} role="status" tt="none">
          {relayText(status.relay)}
        </Badge>
      </Tooltip>
      {status.keypadLockedUntil && (
        <>
          <Badge color="orange" variant="light" size="lg" tt="none">
            Keypad locked until {formatClock(status.keypadLockedUntil)}
          </Badge>
          <Button size="compact-sm" variant="light" color="orange" onClick={() => setResetting(true)}>
            Reset keypad lockout
          </Button>
        </>
      )}
      <ResetLockoutDialog opened={resetting} onClose={() => setResetting(false)} />
    </Group>
  );
}

const relayText = (relay: DoorStatus['relay']) => (relay === 'missing' ? 'Relay missing' : `Door: ${relay}`);
const relayLook = (relay: DoorStatus['relay']) => ({ color: relay === 'open' ? 'green' : relay === 'closed' ? 'gray' : 'red' });

function DeviceList({ status }: { status: DoorStatus }) {
  if (status.devices.length === 0) return <Text size="sm">No keypad, QR reader or relay is connected.</Text>;
  return (
    <Stack gap={2}>
      {status.devices.map((d) => (
        <Text size="sm" key={`${d.role}:${d.name}`}>
          {roleLabel[d.role]}: {d.name} (
          {d.connected ? 'connected' : (d.problem ? problemLabels[d.problem] : 'not connected').toLowerCase()})
        </Text>
      ))}
    </Stack>
  );
}
