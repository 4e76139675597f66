import { Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PermanentIssued } from '../../src/contract';
import { accessCalls } from './useAccess';
import { useAction } from '../api/useAction';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePhoneFormat } from '../components/usePhoneFormat';
import { useTranslation } from '../i18n';
import { describeSent } from './notify';
import { PinDisplay } from './PinDisplay';

interface Props {
  opened: boolean;
  recipientId: number;
  recipientName: string;
  onClose: () => void;
}

export function RegeneratePinDialog({ opened, recipientId, recipientName, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('access.regen.title')}>
      {opened && <Regenerate recipientId={recipientId} recipientName={recipientName} onClose={onClose} />}
    </Modal>
  );
}

function Regenerate({ recipientId, recipientName, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const phone = usePhoneFormat();
  const [issued, setIssued] = useState<PermanentIssued | null>(null);
  const { run, busy, error } = useAction(async () => setIssued(await accessCalls.regenerate(recipientId)));

  if (issued) {
    return (
      <Stack>
        <PinDisplay label={t('access.regen.newPin', { name: recipientName })} pin={issued.pin} />
        <Text size="sm">{t('access.regen.shownOnce', { sent: describeSent(issued.notifications, phone) })}</Text>
        <DialogActions label={t('common.done')} onConfirm={onClose} focus="primary" />
      </Stack>
    );
  }
  return (
    <Stack>
      <Text>{t('access.regen.intro', { name: recipientName })}</Text>
      <ErrorAlert error={error} title={t('access.regen.failed')} />
      <DialogActions
        label={t('access.regen.submit')}
        color="red"
        busy={busy}
        onConfirm={() => void run()}
        onCancel={onClose}
        focus="cancel"
      />
    </Stack>
  );
}
