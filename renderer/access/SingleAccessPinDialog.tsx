import { Anchor, Button, Collapse, Group, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { Trans } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import type { NotifyVia, RecipientSummary, SingleAccessIssued } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { formatTime, useTranslation } from '../i18n';
import { ExpiryPicker, pickerFormat } from './ExpiryPicker';
import { defaultNotifyVia, describeSent, notifyHint, notifyOptions } from './notify';
import { PinDisplay } from './PinDisplay';
import { RecipientPicker } from './RecipientPicker';

const fields = ['recipientId', 'notifyVia', 'expiresAt'] as const;
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

function GenerateForm({ fixedRecipient, onIssued, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [recipient, setRecipient] = useState<RecipientSummary | null>(fixedRecipient);
  const [chosenVia, setChosenVia] = useState<NotifyVia | null>(null);
  const [expires, setExpires] = useState<string | null>(() => dayjs().add(defaultLifetimeHours, 'hour').format(pickerFormat));
  // From a recipient's page the recipient is known, so the options are the only thing left to choose.
  const [showOptions, setShowOptions] = useState(fixedRecipient !== null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const notifyVia = chosenVia ?? defaultNotifyVia(recipient);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!recipient) {
      setErrors({ recipientId: t('access.single.pickRecipient') });
      return;
    }
    setBusy(true);
    try {
      onIssued(
        await invoke('access.sendSingleAccessPin', {
          recipientId: recipient.id,
          notifyVia,
          expiresAt: expires ? dayjs(expires).toISOString() : '',
        }),
      );
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
      if (split.field.notifyVia || split.field.expiresAt) setShowOptions(true);
    } finally {
      setBusy(false);
    }
  }

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
            error={errors.recipientId}
            data-autofocus
          />
        ) : (
          <RecipientPicker
            value={recipient}
            onChange={(r) => {
              setRecipient(r);
              setChosenVia(null);
            }}
            error={errors.recipientId}
          />
        )}
        <Anchor
          component="button"
          type="button"
          size="sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setShowOptions((s) => !s)}
          aria-expanded={showOptions}
        >
          {showOptions ? t('access.single.showFewer') : t('access.single.showMore')}
        </Anchor>
        <Collapse in={showOptions}>
          <Stack>
            <Select
              label={t('access.single.via')}
              allowDeselect={false}
              data={notifyOptions(recipient)}
              value={notifyVia}
              onChange={(v) => v && setChosenVia(v as NotifyVia)}
              description={notifyHint(recipient, notifyVia)}
              error={errors.notifyVia}
              comboboxProps={{ withinPortal: true }}
            />
            <ExpiryPicker value={expires} onChange={setExpires} defaultHours={defaultLifetimeHours} error={errors.expiresAt} />
          </Stack>
        </Collapse>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('access.single.generate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function IssuedPin({ issued, onDone }: { issued: SingleAccessIssued; onDone: () => void }) {
  const { t } = useTranslation();
  const done = useFocusOnMount<HTMLButtonElement>();
  return (
    <Stack>
      <Text>
        <Trans i18nKey="access.single.issued" values={{ name: issued.recipientName }} components={{ strong: <strong /> }} />
      </Text>
      <PinDisplay label={t('access.single.pinLabel')} pin={issued.pin} />
      <Text>{t('access.single.expires', { at: formatTime(issued.expiresAt) })}</Text>
      <Text>{describeSent(issued.notifications)}</Text>
      <Group justify="flex-end">
        <Button onClick={onDone} ref={done}>
          {t('common.done')}
        </Button>
      </Group>
    </Stack>
  );
}
