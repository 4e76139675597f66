import { Button, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PackageItem, PackageSize, RecipientSummary } from '../../src/contract';
import { RecipientPicker } from '../access/RecipientPicker';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { sizeOptions } from './labels';

interface Props {
  item: PackageItem;
  onClose: () => void;
  onDone: () => void;
}

export function HandOverDialog({ item, onClose, onDone }: Props) {
  const [who, setWho] = useState<'recipient' | 'someone'>('recipient');
  const [name, setName] = useState('');
  const action = useAction(() => invoke('packages.handOver', { id: item.id, collectedBy: who === 'someone' ? name : null }));
  return (
    <Modal opened onClose={onClose} title="Hand over package">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run().then((r) => r && onDone());
        }}
      >
        <Stack>
          <Text>
            {item.tracking} ({item.carrierLabel}) for {item.recipient.firstName} {item.recipient.lastName}, unit {item.recipient.unit}.
          </Text>
          <Radio.Group label="Who is collecting it?" value={who} onChange={(v) => setWho(v as 'recipient' | 'someone')}>
            <Stack gap="xs" mt="xs">
              <Radio value="recipient" label="The recipient" />
              <Radio value="someone" label="Someone else" />
            </Stack>
          </Radio.Group>
          {who === 'someone' && (
            <TextInput label="Name of the person collecting" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          )}
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={action.busy}>
              Hand over
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ReturnDialog({ item, onClose, onDone }: Props) {
  const [reason, setReason] = useState(item.returnToSender ? 'Recipient moved out' : '');
  const action = useAction(() => invoke('packages.returnToSender', { id: item.id, reason }));
  return (
    <Modal opened onClose={onClose} title="Return to sender">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run().then((r) => r && onDone());
        }}
      >
        <Stack>
          <Text>
            {item.tracking} ({item.carrierLabel}) for {item.recipient.firstName} {item.recipient.lastName}.
          </Text>
          <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus maxLength={200} />
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={action.busy}>
              Return to sender
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function EditDialog({ item, onClose, onDone }: Props) {
  const [recipient, setRecipient] = useState<RecipientSummary | null>({
    id: item.recipient.id,
    firstName: item.recipient.firstName,
    lastName: item.recipient.lastName,
    unit: item.recipient.unit,
    email: null,
    phone: null,
    status: item.recipient.active ? 'active' : 'inactive',
  });
  const [shelf, setShelf] = useState(item.shelf ?? '');
  const [size, setSize] = useState<PackageSize>(item.size);
  const [note, setNote] = useState(item.note ?? '');
  const action = useAction(() => invoke('packages.update', { id: item.id, recipientId: recipient?.id ?? 0, shelf, size, note }));
  return (
    <Modal opened onClose={onClose} title="Edit package">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run().then((r) => r && onDone());
        }}
      >
        <Stack>
          <Text>
            {item.tracking} ({item.carrierLabel})
          </Text>
          <RecipientPicker value={recipient} onChange={setRecipient} />
          <Text size="xs" c="dimmed">
            If it was logged to the wrong person, choose the right one: they are told it is waiting.
          </Text>
          <TextInput label="Shelf" value={shelf} onChange={(e) => setShelf(e.currentTarget.value)} maxLength={16} />
          <Select label="Size" data={sizeOptions} value={size} onChange={(v) => v && setSize(v as PackageSize)} allowDeselect={false} />
          <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={action.busy}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
