import { Anchor, Collapse, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { Trans } from 'react-i18next';
import { useState } from 'react';
import { api, type NotifyVia, type RecipientSummary, type SingleAccessIssued } from '../../src/contract';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { usePhoneFormat } from '../components/usePhoneFormat';
import { formatDateTime, useTranslation } from '../i18n';
import { ExpiryPicker, pickerFormat } from './ExpiryPicker';
import { defaultNotifyVia, describeSent, notifyHint, notifyOptions } from './notify';
import { PinDisplay } from './PinDisplay';
import { RecipientPicker } from './RecipientPicker';
import { accessCalls } from './useAccess';

const defaultLifetimeHours = 24;

interface Props {
  opened: boolean;
  /** Opened from a recipient's page: that recipient, not changeable. null lets staff pick one. */
  recipient: RecipientSummary | null;
  onClose: () => void;
}

export function SingleAccessPinDialog({ opened, recipient, onClose }: Props) {
  const { t } = useTranslation();
  const [issued, setIssued] = useState<SingleAccessIssued | null>(null);
  const close = () => {
    setIssued(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('access.single.title')} size="lg">
      {opened &&
        (issued ? (
          <IssuedPin issued={issued} onDone={close} />
        ) : (
          <GenerateForm fixedRecipient={recipient} onIssued={setIssued} onCancel={close} />
        ))}
    </Modal>
  );
}

interface FormProps {
  fixedRecipient: RecipientSummary | null;
  onIssued: (issued: SingleAccessIssued) => void;
  onCancel: () => void;
}

interface Values extends Record<string, unknown> {
  /** The chosen recipient (the call takes their id). */
  recipientId: RecipientSummary | null;
  /** null: the default for the recipient's contact details. */
  notifyVia: NotifyVia | null;
  /** As the picker gives it: local time. */
  expiresAt: string | null;
}

function GenerateForm({ fixedRecipient, onIssued, onCancel }: FormProps) {
  const { t } = useTranslation();
  const phone = usePhoneFormat();
  // From a recipient's page the recipient is known, so the options are the only thing left to choose.
  const [showOptions, setShowOptions] = useState(fixedRecipient !== null);
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['access.sendSingleAccessPin'].input,
    initialValues: {
      recipientId: fixedRecipient,
      notifyVia: null,
      expiresAt: dayjs().add(defaultLifetimeHours, 'hour').format(pickerFormat),
    } as Values,
    toInput: (values: Values) => ({
      recipientId: values.recipientId?.id ?? 0,
      notifyVia: values.notifyVia ?? defaultNotifyVia(values.recipientId),
      expiresAt: values.expiresAt ? dayjs(values.expiresAt).toISOString() : '',
    }),
    onSubmit: async (input) => onIssued(await accessCalls.sendSingleAccessPin(input)),
  });
  const { recipientId: recipient, notifyVia: chosenVia } = form.getValues();
  const notifyVia = chosenVia ?? defaultNotifyVia(recipient);
  // An option that is refused stays in sight.
  const optionsOpen = showOptions || Boolean(form.errors.notifyVia || form.errors.expiresAt);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={formError} />
        <Title order={3} size="h5">
          {t('access.single.selectRecipient')}
        </Title>
        {fixedRecipient ? (
          <TextInput
            label={t('access.single.recipient')}
            readOnly
            value={`${fixedRecipient.lastName}, ${fixedRecipient.firstName} — ${fixedRecipient.unit}`}
            error={form.errors.recipientId}
            data-autofocus
          />
        ) : (
          <RecipientPicker
            value={recipient}
            onChange={(r) => form.setValues({ recipientId: r, notifyVia: null })}
            error={form.errors.recipientId}
          />
        )}
        <Anchor
          component="button"
          type="button"
          size="sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setShowOptions(!optionsOpen)}
          aria-expanded={optionsOpen}
        >
          {optionsOpen ? t('access.single.showFewer') : t('access.single.showMore')}
        </Anchor>
        <Collapse in={optionsOpen}>
          <Stack>
            <Select
              label={t('access.single.via')}
              allowDeselect={false}
              data={notifyOptions(recipient)}
              value={notifyVia}
              onChange={(v) => v && form.setFieldValue('notifyVia', v as NotifyVia)}
              description={notifyHint(recipient, notifyVia, phone)}
              error={form.errors.notifyVia}
              comboboxProps={{ withinPortal: true }}
            />
            <ExpiryPicker
              value={form.getValues().expiresAt}
              onChange={(v) => form.setFieldValue('expiresAt', v)}
              defaultHours={defaultLifetimeHours}
              error={form.errors.expiresAt}
            />
          </Stack>
        </Collapse>
        <DialogActions label={t('access.single.generate')} busy={busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function IssuedPin({ issued, onDone }: { issued: SingleAccessIssued; onDone: () => void }) {
  const { t } = useTranslation();
  const phone = usePhoneFormat();
  return (
    <Stack>
      <Text>
        <Trans i18nKey="access.single.issued" values={{ name: issued.recipientName }} components={{ strong: <strong /> }} />
      </Text>
      <PinDisplay label={t('access.single.pinLabel')} pin={issued.pin} />
      <Text>{t('access.single.expires', { at: formatDateTime(issued.expiresAt) })}</Text>
      <Text>{describeSent(issued.notifications, phone)}</Text>
      <DialogActions label={t('common.done')} onConfirm={onDone} focus="primary" />
    </Stack>
  );
}
