import { Code, Group, Text } from '@mantine/core';
import { useTranslation } from '../i18n';
import { useKeyEcho } from './useDevices';

/**
 * A • for each key or scan from the door devices while this screen identifies a device: the core sends
 * it here alone, and only that a key came, never which (a PIN or a resident's QR code would show).
 */
export function KeyEcho() {
  const { t } = useTranslation();
  const shown = useKeyEcho().map((role) => (role === 'keypad' ? '•' : t('devices.readerKey', { key: '•' })));
  return (
    <Group gap="xs" aria-live="polite">
      <Text size="sm">{t('devices.keys')}</Text>
      <Code aria-label={t('devices.keysLabel')}>{shown.length ? shown.join(' ') : t('devices.noKeysYet')}</Code>
    </Group>
  );
}
