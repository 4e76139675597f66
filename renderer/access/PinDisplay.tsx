import { Text } from '@mantine/core';
import { useId } from 'react';

/** A PIN large enough to read out to a recipient at the desk. */
export function PinDisplay({ label, pin }: { label: string; pin: string }) {
  const labelId = useId();
  return (
    <div>
      <Text id={labelId} size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="output" aria-labelledby={labelId} display="block" ff="monospace" fz={44} fw={700} lts="0.18em" lh={1.2}>
        {pin}
      </Text>
    </div>
  );
}
