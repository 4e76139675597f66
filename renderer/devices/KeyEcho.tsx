import { Code, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { on } from '../api/client';
import { useTranslation } from '../i18n';

/** The last keys from the door devices (digits shown as •), to check a keypad works without revealing PINs. */
export function KeyEcho() {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<{ role: string; key: string }[]>([]);
  useEffect(() => on('devices.key', ({ role, key }) => setKeys((k) => [...k.slice(-23), { role, key }])), []);
  const shown = keys.map(({ role, key }) => (role === 'keypad' ? key : t('devices.readerKey', { key })));
  return (
    <Group gap="xs" aria-live="polite">
      <Text size="sm">{t('devices.keys')}</Text>
      <Code aria-label={t('devices.keysLabel')}>{shown.length ? shown.join(' ') : t('devices.noKeysYet')}</Code>
    </Group>
  );
}
