import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PermanentIssued } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { describeSent } from './notify';
import { PinDisplay } from './PinDisplay';

interface Props {
  opened: boolean;
  recipientId: number;
  recipientName: string;
  onClose: () => void;
}

export function RegeneratePinDialog({ opened, recipientId, recipientName, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Regenerate PIN and QR code">
      {opened && <Regenerate recipientId={recipientId} recipientName={recipientName} onClose={onClose} />}
    </Modal>
  );
}

function Regenerate({ recipientId, recipientName, onClose }: Omit<Props, 'opened'>) {
  const [issued, setIssued] = useState<PermanentIssued | null>(null);
  const { run, busy, error } = useAction(async () => setIssued(await invoke('access.regenerate', { recipientId })));

  if (issued) {
    return (
      <Stack>
        <PinDisplay label={`New PIN for ${recipientName}`} pin={issued.pin} />
        <Text size="sm">This PIN is shown only now. {describeSent(issued.notifications)}</Text>
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
        {recipientName}&apos;s current PIN and QR code stop working at once. The new ones are sent to the recipient&apos;s email address and
        mobile number on file.
      </Text>
      <ErrorAlert error={error} title="Could not regenerate" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" loading={busy} onClick={() => void run()}>
          Regenerate
        </Button>
      </Group>
    </Stack>
  );
}
