import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { PermanentIssued } from '../../src/contract';
import { accessCalls } from './useAccess';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { useFocusOnMount } from '../components/useFocusOnMount';
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
  const [issued, setIssued] = useState<PermanentIssued | null>(null);
  const { run, busy, error } = useAction(async () => setIssued(await accessCalls.regenerate(recipientId)));

  if (issued) {
    return (
      <Stack>
        <PinDisplay label={t('access.regen.newPin', { name: recipientName })} pin={issued.pin} />
        <Text size="sm">{t('access.regen.shownOnce', { sent: describeSent(issued.notifications) })}</Text>
        <Group justify="flex-end">
          <DoneButton onClick={onClose}>{t('common.done')}</DoneButton>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <Text>{t('access.regen.intro', { name: recipientName })}</Text>
      <ErrorAlert error={error} title={t('access.regen.failed')} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void run()}>
          {t('access.regen.submit')}
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
