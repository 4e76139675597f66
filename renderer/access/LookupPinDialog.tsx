import { Checkbox, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PinLookup } from '../../src/contract';
import { accessCalls } from './useAccess';
import { useAction } from '../api/useAction';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { formatDate, useTranslation } from '../i18n';
import { PinDisplay } from './PinDisplay';

interface Props {
  opened: boolean;
  recipientId: number;
  recipientName: string;
  onClose: () => void;
}

export function LookupPinDialog({ opened, recipientId, recipientName, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('access.lookup.title')}>
      {opened && <LookupPin recipientId={recipientId} recipientName={recipientName} onClose={onClose} />}
    </Modal>
  );
}

function LookupPin({ recipientId, recipientName, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const [verified, setVerified] = useState(false);
  const [found, setFound] = useState<PinLookup | null>(null);
  const { run, busy, error } = useAction(async () => setFound(await accessCalls.lookupPin(recipientId)));

  if (found) {
    return (
      <Stack>
        <PinDisplay label={t('access.lookup.found', { name: recipientName })} pin={found.pin} />
        <Text size="sm">{t('access.lookup.foundText', { date: formatDate(found.createdAt) })}</Text>
        <DialogActions label={t('common.done')} onConfirm={onClose} focus="primary" />
      </Stack>
    );
  }
  return (
    <Stack>
      <Text>{t('access.lookup.intro', { name: recipientName })}</Text>
      <ErrorAlert error={error} title={t('access.lookup.failed')} />
      <Checkbox
        label={t('access.lookup.verified')}
        required
        checked={verified}
        onChange={(e) => setVerified(e.currentTarget.checked)}
        data-autofocus
      />
      <DialogActions label={t('access.lookup.show')} disabled={!verified} busy={busy} onConfirm={() => void run()} onCancel={onClose} />
    </Stack>
  );
}
