import { Button, Card, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { RosterDiffSummary } from '../../src/contract';

interface Props {
  diff: RosterDiffSummary;
  welcome: boolean;
  busy: boolean;
  onApply: (confirmLargeDeactivation: boolean) => void;
  onCancel: () => void;
}

/** Step 4: apply exactly the preview, or drop it. A large deactivation needs an explicit tick. */
export function ApplyBar({ diff, welcome, busy, onApply, onCancel }: Props) {
  const [confirmed, setConfirmed] = useState(false);
  const { counts, safety } = diff;
  const nothing = counts.added + counts.changed + counts.movedOut + counts.reactivated === 0;
  return (
    <Card withBorder>
      <Stack>
        <Text size="sm">
          {nothing
            ? 'The file matches the recipients in Packroom: there is nothing to change.'
            : `New residents get a PIN and QR code${welcome ? ', sent to them by email and text' : ' (not sent: welcome messages are off)'}. ` +
              'Residents who moved out lose access at once. Nobody is deleted: their history stays.'}
        </Text>
        {safety.exceeded && (
          <Checkbox
            label={`I checked the file. Deactivate ${safety.wouldDeactivate} residents anyway.`}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />
        )}
        <Group>
          <Button onClick={() => onApply(safety.exceeded)} loading={busy} disabled={nothing || (safety.exceeded && !confirmed)}>
            Apply import
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
