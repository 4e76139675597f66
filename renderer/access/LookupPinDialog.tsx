import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { PinLookup } from '../../src/contract';
import { accessCalls } from './useAccess';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { useFocusOnMount } from '../components/useFocusOnMount';
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
        <Group justify="flex-end">
          <DoneButton onClick={onClose}>{t('common.done')}</DoneButton>
        </Group>
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
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button disabled={!verified} loading={busy} onClick={() => void run()}>
          {t('access.lookup.show')}
        </Button>
      </Group>
    </Stack>
  );
}

function DoneButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  const ref = useFocusOnMount<HTMLButtonElement>();
  return (
    <Button onClick={onClick} ref={ref}>
      {children}
    </Button>
  );
}
