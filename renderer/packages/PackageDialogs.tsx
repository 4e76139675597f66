import { Button, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PackageItem, PackageSize, RecipientSummary } from '../../src/contract';
import { RecipientPicker } from '../access/RecipientPicker';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';
import { sizeOptions } from './labels';

interface Props {
  item: PackageItem;
  onClose: () => void;
  onDone: () => void;
}

const fullName = (item: PackageItem) => `${item.recipient.firstName} ${item.recipient.lastName}`;

export function HandOverDialog({ item, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [who, setWho] = useState<'recipient' | 'someone'>('recipient');
  const [name, setName] = useState('');
  const action = useAction(() =>
    invoke('packages.handOver', { id: item.id, someoneElse: who === 'someone', collectedBy: who === 'someone' ? name : null }),
  );
  const errors = splitError(action.error, ['collectedBy']);
  return (
    <Modal opened onClose={onClose} title={t('packages.handOver.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run().then((r) => r && onDone());
        }}
      >
        <Stack>
          <Text>
            {t('packages.handOver.item', {
              tracking: item.tracking,
              carrier: item.carrierLabel,
              name: fullName(item),
              unit: item.recipient.unit,
            })}
          </Text>
          <Radio.Group label={t('packages.handOver.who')} value={who} onChange={(v) => setWho(v as 'recipient' | 'someone')}>
            <Stack gap="xs" mt="xs">
              <Radio value="recipient" label={t('packages.handOver.recipient')} />
              <Radio value="someone" label={t('packages.handOver.someone')} />
            </Stack>
          </Radio.Group>
          {who === 'someone' && (
            <TextInput
              label={t('packages.handOver.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.field.collectedBy}
              data-autofocus
            />
          )}
          <ErrorAlert error={action.error && errors.form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={action.busy}>
              {t('packages.handOver.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ReturnDialog({ item, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(item.returnToSender ? t('packages.return.movedOut') : '');
  const action = useAction(() => invoke('packages.returnToSender', { id: item.id, reason }));
  return (
    <Modal opened onClose={onClose} title={t('packages.return.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run().then((r) => r && onDone());
        }}
      >
        <Stack>
          <Text>{t('packages.return.item', { tracking: item.tracking, carrier: item.carrierLabel, name: fullName(item) })}</Text>
          <TextInput label={t('packages.return.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={action.busy}>
              {t('packages.return.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function EditDialog({ item, onClose, onDone }: Props) {
  const { t } = useTranslation();
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
    <Modal opened onClose={onClose} title={t('packages.edit.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run().then((r) => r && onDone());
        }}
      >
        <Stack>
          <Text>{t('packages.edit.item', { tracking: item.tracking, carrier: item.carrierLabel })}</Text>
          <RecipientPicker value={recipient} onChange={setRecipient} />
          <Text size="xs" c="dimmed">
            {t('packages.edit.wrongPerson')}
          </Text>
          <TextInput label={t('packages.edit.shelf')} value={shelf} onChange={(e) => setShelf(e.currentTarget.value)} />
          <Select
            label={t('packages.edit.size')}
            data={sizeOptions()}
            value={size}
            onChange={(v) => v && setSize(v as PackageSize)}
            allowDeselect={false}
          />
          <TextInput label={t('packages.edit.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={action.busy}>
              {t('packages.edit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
