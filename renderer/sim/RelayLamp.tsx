import { Box, Group, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatNumber, formatTime, useTranslation } from '../i18n';
import { readRelay, type RelayState } from './simApi';

const pollEveryMs = 300;
const pulsesShown = 8;

/** The door relay as a lamp, polled from the simulator, with its last pulses. */
export function RelayLamp({ onError }: { onError: (error: Error | null) => void }) {
  const { t } = useTranslation();
  const [relay, setRelay] = useState<RelayState | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer = 0;
    async function poll() {
      try {
        const next = await readRelay();
        if (stopped) return;
        setRelay(next);
        onError(null);
      } catch (error) {
        if (!stopped) onError(error as Error);
      }
      if (!stopped) timer = window.setTimeout(() => void poll(), pollEveryMs);
    }
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [onError]);

  const open = relay?.open ?? false;
  const recent = (relay?.pulses ?? []).slice(-pulsesShown).reverse();
  return (
    <Stack>
      <Group>
        <Box
          aria-hidden
          w={56}
          h={56}
          style={{
            borderRadius: '50%',
            background: open ? 'var(--mantine-color-green-5)' : 'var(--mantine-color-gray-4)',
            boxShadow: open ? '0 0 24px var(--mantine-color-green-4)' : 'none',
            transition: 'background 120ms',
          }}
        />
        <Text role="status" fz="xl" fw={700}>
          {open ? t('sim.doorOpen') : t('sim.doorClosed')}
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        {relay ? t('sim.pulses', { count: relay.pulses.length }) : t('sim.reading')}
      </Text>
      {recent.length > 0 && (
        <Table aria-label={t('sim.relayPulses')} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sim.channel')}</Table.Th>
              <Table.Th>{t('sim.opened')}</Table.Th>
              <Table.Th>{t('sim.openFor')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recent.map((p) => (
              <Table.Tr key={`${p.channel}@${p.openedAt}`}>
                <Table.Td>{p.channel}</Table.Td>
                <Table.Td>{formatTime(p.openedAt)}</Table.Td>
                <Table.Td>
                  {p.closedAt
                    ? t('sim.seconds', { n: formatNumber((Date.parse(p.closedAt) - Date.parse(p.openedAt)) / 1000) })
                    : t('sim.stillOpen')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
