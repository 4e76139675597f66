import { Button, Group, Stack, Text } from '@mantine/core';
import { PinDisplay } from '../access/PinDisplay';

/** A carrier code just issued: shown this once, to read out or hand to the carrier. */
export function ShownOnce({ name, code, onDone }: { name: string; code: string; onDone: () => void }) {
  return (
    <Stack>
      <PinDisplay label={`Code for ${name}`} pin={code} />
      <Text size="sm">
        This code is shown only now. Give it to {name}; an admin can look it up later here, and each look-up is recorded in the Activity
        log.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
