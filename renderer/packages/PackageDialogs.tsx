import { Button, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { api, type PackageSize, type RecipientSummary } from '../../src/contract';
import { RecipientPicker } from '../access/RecipientPicker';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { sizeOptions, type AssignedPackage } from './labels';
import { useProxies } from '../proxies/useProxies';
import { packageCalls } from './usePackages';
import { SignaturePad } from '../attachments/SignaturePad';
import { useSettings } from '../settings/useSettings';

interface Props {
  item: AssignedPackage;
  onClose: () => void;
  onDone: () => void;
}

const fullName = (item: AssignedPackage) => `${item.recipient.firstName} ${item.recipient.lastName}`;

export function HandOverDialog({ item, onClose, onDone }: Props) {
  const { t } = useTranslation();
  // The recipient's people allowed to collect, offered by name (value `proxy:<id>`).
  const proxies = (useProxies(item.recipient.id).data ?? []).filter((p) => p.active);
  // The site asks for a signature always, or for packages marked Signature required; else one may be added.
  const signatureAtDesk = useSettings().data?.signatureAtDesk;
  const signatureNeeded = signatureAtDesk === 'always' || (signatureAtDesk === 'flagged' && item.signatureRequired);
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['packages.handOver'].input,
    initialValues: { who: 'recipient', collectedBy: '', signing: false, signature: '' },
    toInput: (values: { who: string; collectedBy: string; signing: boolean; signature: string }) => ({
      id: item.id,
      someoneElse: values.who === 'someone',
      collectedBy: values.who === 'someone' ? values.collectedBy : null,
      ...(values.who.startsWith('proxy:') && { proxyId: Number(values.who.slice('proxy:'.length)) }),
      ...(values.signature && { signature: values.signature }),
    }),
    onSubmit: async (input) => {
      await packageCalls.handOver(input);
      onDone();
    },
  });
  const { who, signing, signature } = form.getValues();
  // Shown too when the core asked for one the site's settings (changed meanwhile) had not.
  const showPad = signatureNeeded || signing || Boolean(form.errors.signature);
  return (
    <Modal opened onClose={onClose} title={t('packages.handOver.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>
            {t('packages.handOver.item', {
              tracking: item.tracking,
              carrier: item.carrierLabel,
              name: fullName(item),
              unit: item.recipient.unit,
            })}
          </Text>
          <Radio.Group label={t('packages.handOver.who')} {...form.getInputProps('who')}>
            <Stack gap="xs" mt="xs">
              <Radio value="recipient" label={t('packages.handOver.recipient')} />
              {proxies.map((p) => (
                <Radio key={p.id} value={`proxy:${p.id}`} label={t('packages.handOver.proxy', { name: p.name })} />
              ))}
              <Radio value="someone" label={t('packages.handOver.someone')} />
            </Stack>
          </Radio.Group>
          {who === 'someone' && <TextInput label={t('packages.handOver.name')} {...form.getInputProps('collectedBy')} data-autofocus />}
          {showPad ? (
            <SignaturePad
              label={t('attachments.pad.label')}
              description={t('attachments.pad.hint')}
              value={signature}
              onChange={(v) => form.setFieldValue('signature', v)}
              error={form.errors.signature}
            />
          ) : (
            // Offered once the settings say a signature is not asked for: not flashed while they load.
            signatureAtDesk && (
              <Button variant="default" onClick={() => form.setFieldValue('signing', true)} style={{ alignSelf: 'flex-start' }}>
                {t('attachments.pad.add')}
              </Button>
            )
          )}
          <ErrorAlert error={formError} />
          <DialogActions label={t('packages.handOver.submit')} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

export function ReturnDialog({ item, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['packages.returnToSender'].input,
    initialValues: { reason: item.returnToSender ? t('packages.return.movedOut') : '' },
    toInput: (values: { reason: string }) => ({ id: item.id, reason: values.reason }),
    onSubmit: async (input) => {
      await packageCalls.returnToSender(input);
      onDone();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('packages.return.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('packages.return.item', { tracking: item.tracking, carrier: item.carrierLabel, name: fullName(item) })}</Text>
          <TextInput label={t('packages.return.reason')} {...form.getInputProps('reason')} data-autofocus />
          <ErrorAlert error={formError} />
          <DialogActions label={t('packages.return.submit')} color="red" busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

export function EditDialog({ item, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['packages.update'].input,
    initialValues: {
      recipientId: {
        id: item.recipient.id,
        firstName: item.recipient.firstName,
        lastName: item.recipient.lastName,
        unit: item.recipient.unit,
        email: null,
        phone: null,
        status: item.recipient.active ? 'active' : 'inactive',
      } as RecipientSummary | null,
      shelf: item.shelf ?? '',
      size: item.size as PackageSize,
      note: item.note ?? '',
    },
    toInput: ({ recipientId, ...values }) => ({ id: item.id, recipientId: recipientId?.id ?? 0, ...values }),
    onSubmit: async (input) => {
      await packageCalls.update(input);
      onDone();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('packages.edit.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('packages.edit.item', { tracking: item.tracking, carrier: item.carrierLabel })}</Text>
          <RecipientPicker
            value={form.getValues().recipientId}
            onChange={(r) => form.setFieldValue('recipientId', r)}
            error={form.errors.recipientId}
          />
          <Text size="xs" c="dimmed">
            {t('packages.edit.wrongPerson')}
          </Text>
          <TextInput label={t('packages.edit.shelf')} {...form.getInputProps('shelf')} />
          <Select label={t('packages.edit.size')} data={sizeOptions()} {...form.getInputProps('size')} allowDeselect={false} />
          <TextInput label={t('packages.edit.note')} {...form.getInputProps('note')} />
          <ErrorAlert error={formError} />
          <DialogActions label={t('packages.edit.save')} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
