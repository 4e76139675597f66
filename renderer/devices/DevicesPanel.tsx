import { Alert, Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { DeviceAssignmentInfo, DeviceOverview, DeviceRole, HidDeviceInfo } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { errorText, i18n, sentenceText, useTranslation } from '../i18n';
import { KeyEcho } from './KeyEcho';
import { problemLabel } from './problemLabels';
import { useDevices } from './useDevices';
import { wholeBadgeProps } from '../components/headerBadge';

const t = i18n.t.bind(i18n);
const roleLabel = (role: DeviceRole) => t(`devices.roles.${role}`);
const roles: DeviceRole[] = ['keypad', 'reader', 'relay'];
const statusLabel = (a: DeviceAssignmentInfo) =>
  a.connected ? t('devices.connected') : a.problemKind ? problemLabel(a.problemKind) : t('devices.missing');

const deviceName = (d: HidDeviceInfo) => [d.manufacturer, d.product].filter(Boolean).join(' ') || t('devices.unnamed');
/** The selector an admin picks: VID:PID plus the serial number when the device has one. */
const selectorOf = (d: HidDeviceInfo) => (d.serialNumber ? `${d.vidPid}:${d.serialNumber}` : d.vidPid);

/** Settings → Devices: what is plugged in, which device plays which role, and tools to check them. */
export function DevicesPanel() {
  useTranslation();
  const { overview: data, error, assign, unassign, testRelay, identify, refresh } = useDevices();

  return (
    <Card withBorder component="section" aria-labelledby="devices-title">
      <Stack>
        <Title order={3} id="devices-title">
          {t('devices.title')}
        </Title>
        <ErrorAlert error={error} />
        {data?.problem && (
          <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
            {sentenceText(data.problem)}
          </Alert>
        )}
        {data && (
          <>
            <Assignments overview={data} onUnassign={(role) => void unassign(role)} />
            <Identify listen={identify} onFound={(device, role) => void assign(role, selectorOf(device))} />
            <ConnectedDevices overview={data} onAssign={(role, selector, channel) => void assign(role, selector, channel)} />
            <Group>
              <Button variant="default" onClick={() => void testRelay()}>
                {t('devices.testRelay')}
              </Button>
              <Button variant="subtle" onClick={refresh}>
                {t('devices.refresh')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function Assignments({ overview, onUnassign }: { overview: DeviceOverview; onUnassign: (role: DeviceRole) => void }) {
  return (
    <Table aria-label={t('devices.doorDevices')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('devices.role')}</Table.Th>
          <Table.Th>{t('devices.device')}</Table.Th>
          <Table.Th>{t('devices.status')}</Table.Th>
          <Table.Th>
            <VisuallyHidden>{t('devices.actions')}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {roles.map((role) => {
          const a = overview.assignments.find((x) => x.role === role);
          return (
            <Table.Tr key={role}>
              <Table.Td>{roleLabel(role)}</Table.Td>
              <Table.Td>
                {!a
                  ? t('devices.notAssigned')
                  : a.channel
                    ? t('devices.assignedChannel', { name: a.name, selector: a.selector, channel: a.channel })
                    : t('devices.assigned', { name: a.name, selector: a.selector })}
              </Table.Td>
              <Table.Td>
                {a && (
                  <Badge
                    color={a.connected ? 'green' : a.problemKind === 'permission-denied' ? 'orange' : 'red'}
                    variant="light"
                    {...wholeBadgeProps}
                  >
                    {statusLabel(a)}
                  </Badge>
                )}
                {a?.problem && (
                  <Text size="xs" c="dimmed" maw={420}>
                    {sentenceText(a.problem)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {a && (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => onUnassign(role)}
                    aria-label={t('devices.unassignLabel', { role: roleLabel(role) })}
                  >
                    {t('devices.unassign')}
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
      <Title order={4}>{t('devices.usb')}</Title>
      <Table aria-label={t('devices.usb')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('devices.device')}</Table.Th>
            <Table.Th>{t('devices.vidPid')}</Table.Th>
            <Table.Th>{t('devices.serial')}</Table.Th>
            <Table.Th>{t('devices.path')}</Table.Th>
            <Table.Th>{t('devices.useAs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.devices.map((d) => (
            <Table.Tr key={d.path}>
              <Table.Td>
                {deviceName(d)}
                {d.blocked && (
                  <Text size="xs" c="orange">
                    {sentenceText(d.blocked)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{d.vidPid}</Table.Td>
              <Table.Td>{d.serialNumber ?? t('common.none')}</Table.Td>
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
      {overview.devices.length === 0 && <Text c="dimmed">{t('devices.noHid')}</Text>}
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
  if (device.assignedRole)
    return (
      <Badge variant="outline" {...wholeBadgeProps}>
        {roleLabel(device.assignedRole)}
      </Badge>
    );
  if (device.blocked) return null;
  const options = device.kind === 'relay' ? roles.filter((r) => r === 'relay') : roles.filter((r) => r !== 'relay');
  return (
    <Group gap="xs" wrap="nowrap">
      {device.kind === 'relay' && (
        <NumberInput
          aria-label={t('devices.channelFor', { name: deviceName(device) })}
          min={1}
          max={8}
          w={70}
          size="xs"
          value={channel}
          onChange={(v) => setChannel(Number(v) || 1)}
        />
      )}
      <Select
        aria-label={t('devices.useDeviceAs', { name: deviceName(device) })}
        placeholder={t('devices.assign')}
        size="xs"
        w={150}
        data={options.map((r) => ({ value: r, label: roleLabel(r) }))}
        value={null}
        onChange={(v) => v && onAssign(v as DeviceRole, selectorOf(device), v === 'relay' ? channel : undefined)}
      />
    </Group>
  );
}

/** "Press a key on the door keypad now": the device that sends a report is the keypad. */
function Identify({
  listen,
  onFound,
}: {
  /** Waits for the next key or scan: the device it came from, or null when none came in time. */
  listen: () => Promise<HidDeviceInfo | null>;
  onFound: (device: HidDeviceInfo, role: DeviceRole) => void;
}) {
  const [waiting, setWaiting] = useState<DeviceRole | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Each identification starts a fresh echo; it stays shown after, until the next one.
  const [attempt, setAttempt] = useState(0);

  async function identify(role: DeviceRole) {
    setAttempt((n) => n + 1);
    setWaiting(role);
    setMessage(null);
    try {
      const device = await listen();
      if (!device) setMessage(t('devices.noKey'));
      else if (device.assignedRole === role) setMessage(t(`devices.already.${role}`, { name: deviceName(device) }));
      else {
        setMessage(t('devices.found', { name: deviceName(device), vidPid: device.vidPid }));
        onFound(device, role);
      }
    } catch (e) {
      setMessage(errorText(e as Error));
    } finally {
      setWaiting(null);
    }
  }

  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" loading={waiting === 'keypad'} disabled={waiting !== null} onClick={() => void identify('keypad')}>
          {t('devices.identifyKeypad')}
        </Button>
        <Button variant="light" loading={waiting === 'reader'} disabled={waiting !== null} onClick={() => void identify('reader')}>
          {t('devices.identifyReader')}
        </Button>
      </Group>
      {waiting && <Text role="status">{t(waiting === 'keypad' ? 'devices.pressKey' : 'devices.scanCode')}</Text>}
      {message && <Text role="status">{message}</Text>}
      {attempt > 0 && <KeyEcho key={attempt} />}
    </Stack>
  );
}
