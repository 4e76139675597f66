import { Code, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { on } from '../api/client';

/** The last keys from the door devices (digits shown as •), to check a keypad works without revealing PINs. */
export function KeyEcho() {
  const [keys, setKeys] = useState<string[]>([]);
  useEffect(
    () => on('devices.key', ({ role, key }) => setKeys((k) => [...k.slice(-23), `${role === 'keypad' ? '' : 'reader:'}${key}`])),
    [],
  );
  return (
    <Group gap="xs" aria-live="polite">
      <Text size="sm">Keys from the door:</Text>
      <Code aria-label="Keys from the door">{keys.length ? keys.join(' ') : 'none yet'}</Code>
    </Group>
  );
}
