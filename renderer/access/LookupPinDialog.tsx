import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PinLookup } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { formatDate } from './describeAccess';
import { PinDisplay } from './PinDisplay';

interface Props {
  opened: boolean;
  recipientId: number;
  recipientName: string;
  onClose: () => void;
}

export function LookupPinDialog({ opened, recipientId, recipientName, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Look up PIN">
      {opened && <LookupPin recipientId={recipientId} recipientName={recipientName} onClose={onClose} />}
    </Modal>
  );
}

function LookupPin({ recipientId, recipientName, onClose }: Omit<Props, 'opened'>) {
  const [verified, setVerified] = useState(false);
  const [found, setFound] = useState<PinLookup | null>(null);
  const { run, busy, error } = useAction(async () => setFound(await invoke('access.lookupPin', { recipientId, identityVerified: true })));

  if (found) {
    return (
      <Stack>
        <PinDisplay label={`Active PIN for ${recipientName}`} pin={found.pin} />
        <Text size="sm">Issued {formatDate(found.createdAt)}. This lookup is recorded in the Activity log with your name.</Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            Done
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <Text>
        Confirm that the Recipient says who they say they are (for example, check a photo ID against {recipientName}) before you show the
        PIN. Each lookup is recorded in the Activity log with your name.
      </Text>
      <ErrorAlert error={error} title="Could not look up the PIN" />
      <Checkbox
        label="I have verified this recipient's identity"
        required
        checked={verified}
        onChange={(e) => setVerified(e.currentTarget.checked)}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={!verified} loading={busy} onClick={() => void run()}>
          Show PIN
        </Button>
      </Group>
    </Stack>
  );
}
