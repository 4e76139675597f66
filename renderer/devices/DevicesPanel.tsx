import { Alert, Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { DeviceAssignmentInfo, DeviceOverview, DeviceRole, HidDeviceInfo } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { KeyEcho } from './KeyEcho';
import { problemLabels } from './problemLabels';

const roleLabels: Record<DeviceRole, string> = { keypad: 'Door keypad', reader: 'Door reader', relay: 'Door relay' };
const roles: DeviceRole[] = ['keypad', 'reader', 'relay'];
const statusLabel = (a: DeviceAssignmentInfo) => (a.connected ? 'Connected' : a.problemKind ? problemLabels[a.problemKind] : 'Missing');

const deviceName = (d: HidDeviceInfo) => [d.manufacturer, d.product].filter(Boolean).join(' ') || 'Unnamed device';
/** The selector an admin picks: VID:PID plus the serial number when the device has one. */
const selectorOf = (d: HidDeviceInfo) => (d.serialNumber ? `${d.vidPid}:${d.serialNumber}` : d.vidPid);

/** Settings → Devices: what is plugged in, which device plays which role, and tools to check them. */
export function DevicesPanel() {
  const overview = useQuery(() => invoke('devices.list', {}), []);
  const [current, setCurrent] = useState<DeviceOverview | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const data = current ?? overview.data;
  const { reload } = overview;
  useEffect(() => on('door.status', () => reload()), [reload]);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work();
      setError(null);
      return result;
    } catch (e) {
      setError(e as Error);
      return undefined;
    }
  }

  const assign = async (role: DeviceRole, selector: string, channel?: number) => {
    const next = await run(() => invoke('devices.assign', channel === undefined ? { role, selector } : { role, selector, channel }));
    if (next) setCurrent(next);
  };
  const unassign = async (role: DeviceRole) => {
    const next = await run(() => invoke('devices.unassign', { role }));
    if (next) setCurrent(next);
  };

  return (
    <Card withBorder component="section" aria-labelledby="devices-title">
      <Stack>
        <Title order={3} id="devices-title">
          Devices
        </Title>
        <ErrorAlert error={error ?? overview.error} />
        {data?.problem && (
          <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
            {data.problem}
          </Alert>
        )}
        {data && (
          <>
            <Assignments overview={data} onUnassign={unassign} />
            <Identify onFound={(device, role) => void assign(role, selectorOf(device))} />
            <ConnectedDevices overview={data} onAssign={assign} />
            <Group>
              <Button variant="default" onClick={() => void run(() => invoke('devices.testRelay', {}))}>
                Test relay
              </Button>
              <Button variant="subtle" onClick={() => (setCurrent(undefined), reload())}>
                Refresh
              </Button>
            </Group>
            <KeyEcho />
          </>
        )}
      </Stack>
    </Card>
  );
}

function Assignments({ overview, onUnassign }: { overview: DeviceOverview; onUnassign: (role: DeviceRole) => void }) {
  return (
    <Table aria-label="Door devices">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Role</Table.Th>
          <Table.Th>Device</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {roles.map((role) => {
          const a = overview.assignments.find((x) => x.role === role);
          return (
            <Table.Tr key={role}>
              <Table.Td>{roleLabels[role]}</Table.Td>
              <Table.Td>{a ? `${a.name} (${a.selector}${a.channel ? `, channel ${a.channel}` : ''})` : 'Not assigned'}</Table.Td>
              <Table.Td>
                {a && (
                  <Badge color={a.connected ? 'green' : a.problemKind === 'permission-denied' ? 'orange' : 'red'} variant="light">
                    {statusLabel(a)}
                  </Badge>
                )}
                {a?.problem && (
                  <Text size="xs" c="dimmed" maw={420}>
                    {a.problem}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {a && (
                  <Button size="xs" variant="subtle" onClick={() => onUnassign(role)} aria-label={`Unassign ${roleLabels[role]}`}>
                    Unassign
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function ConnectedDevices({
  overview,
  onAssign,
}: {
  overview: DeviceOverview;
  onAssign: (role: DeviceRole, selector: string, channel?: number) => void;
}) {
  return (
    <Stack gap="xs">
      <Title order={4}>Connected USB devices</Title>
      <Table aria-label="Connected USB devices" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Device</Table.Th>
            <Table.Th>VID:PID</Table.Th>
            <Table.Th>Serial</Table.Th>
            <Table.Th>Path</Table.Th>
            <Table.Th>Use as</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.devices.map((d) => (
            <Table.Tr key={d.path}>
              <Table.Td>
                {deviceName(d)}
                {d.blocked && (
                  <Text size="xs" c="orange">
                    {d.blocked}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{d.vidPid}</Table.Td>
              <Table.Td>{d.serialNumber ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {d.path}
                </Text>
              </Table.Td>
              <Table.Td>
                <AssignControl device={d} onAssign={onAssign} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {overview.devices.length === 0 && <Text c="dimmed">No USB HID devices found.</Text>}
    </Stack>
  );
}

function AssignControl({
  device,
  onAssign,
}: {
  device: HidDeviceInfo;
  onAssign: (role: DeviceRole, selector: string, channel?: number) => void;
}) {
  const [channel, setChannel] = useState<number>(1);
  if (device.assignedRole) return <Badge variant="outline">{roleLabels[device.assignedRole]}</Badge>;
  if (device.blocked) return null;
  const options = device.kind === 'relay' ? roles.filter((r) => r === 'relay') : roles.filter((r) => r !== 'relay');
  return (
    <Group gap="xs" wrap="nowrap">
      {device.kind === 'relay' && (
        <NumberInput
          aria-label={`Relay channel for ${deviceName(device)}`}
          min={1}
          max={8}
          w={70}
          size="xs"
          value={channel}
          onChange={(v) => setChannel(Number(v) || 1)}
        />
      )}
      <Select
        aria-label={`Use ${deviceName(device)} as`}
        placeholder="Assign…"
        size="xs"
        w={150}
        data={options.map((r) => ({ value: r, label: roleLabels[r] }))}
        value={null}
        onChange={(v) => v && onAssign(v as DeviceRole, selectorOf(device), v === 'relay' ? channel : undefined)}
      />
    </Group>
  );
}

/** "Press a key on the door keypad now": the device that sends a report is the keypad. */
function Identify({ onFound }: { onFound: (device: HidDeviceInfo, role: DeviceRole) => void }) {
  const [waiting, setWaiting] = useState<DeviceRole | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function identify(role: DeviceRole) {
    setWaiting(role);
    setMessage(null);
    try {
      const device = await invoke('devices.identify', { seconds: 15 });
      if (!device) setMessage('No key was pressed on any device within 15 seconds. Try again.');
      else if (device.assignedRole === role) setMessage(`${deviceName(device)} is already the ${roleLabels[role].toLowerCase()}.`);
      else {
        setMessage(`Found ${deviceName(device)} (${device.vidPid}).`);
        onFound(device, role);
      }
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setWaiting(null);
    }
  }

  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" loading={waiting === 'keypad'} disabled={waiting !== null} onClick={() => void identify('keypad')}>
          Identify the door keypad
        </Button>
        <Button variant="light" loading={waiting === 'reader'} disabled={waiting !== null} onClick={() => void identify('reader')}>
          Identify the door reader
        </Button>
      </Group>
      {waiting && (
        <Text role="status">
          {waiting === 'keypad' ? 'Press a key on the door keypad now.' : 'Scan any code with the door reader now.'}
        </Text>
      )}
      {message && <Text role="status">{message}</Text>}
    </Stack>
  );
}
