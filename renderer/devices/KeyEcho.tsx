import { Code, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DeviceRole } from '../../src/contract';
import { on } from '../api/client';
import { useTranslation } from '../i18n';

/**
 * A • for each key or scan from the door devices while this screen identifies a device: the core sends
 * it here alone, and only that a key came, never which (a PIN or a resident's QR code would show).
 */
export function KeyEcho() {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<DeviceRole[]>([]);
  useEffect(() => on('devices.key', ({ role }) => setKeys((k) => [...k.slice(-23), role])), []);
  const shown = keys.map((role) => (role === 'keypad' ? '•' : t('devices.readerKey', { key: '•' })));
  return (
    <Group gap="xs" aria-live="polite">
      <Text size="sm">{t('devices.keys')}</Text>
      <Code aria-label={t('devices.keysLabel')}>{shown.length ? shown.join(' ') : t('devices.noKeysYet')}</Code>
    </Group>
  );
}
