import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n';
import { pressKeys } from './simApi';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** A 3×4 door keypad: each click is one key press; a whole sequence can be typed and sent at once. */
export function Keypad({ onError }: { onError: (error: Error | null) => void }) {
  const { t } = useTranslation();
  const [sequence, setSequence] = useState('');
  const send = (text: string) => pressKeys(text).then(() => onError(null), onError);

  function submit(event: FormEvent) {
    event.preventDefault();
    void send(sequence).then(() => setSequence(''));
  }

  return (
    <Stack>
      <SimpleGrid cols={3} spacing="xs" w={228} role="group" aria-label={t('sim.keypad')}>
        {keys.map((key) => (
          <Button key={key} variant="default" h={64} fz={26} ff="monospace" onClick={() => void send(key)}>
            {key}
          </Button>
        ))}
      </SimpleGrid>
      <form onSubmit={submit}>
        <Group align="flex-end">
          <TextInput
            label={t('sim.sequence')}
            description={t('sim.sequenceHint')}
            value={sequence}
            onChange={(e) => setSequence(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Button type="submit" variant="light">
            {t('sim.sendKeys')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
