import { Modal } from '@mantine/core';
import { useTranslation } from '../i18n';
import { ReasonForm } from './ReasonForm';
import { doorCalls } from './useDoor';

interface Props {
  opened: boolean;
  /** Whom the door is opened for, when staff open it from a recipient's page. */
  recipient?: { id: number; name: string };
  onClose: () => void;
}

export function OpenDoorDialog({ opened, recipient, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('door.openTitle')}>
      {opened && (
        <ReasonForm
          intro={`${recipient ? t('door.opensFor', { name: recipient.name }) : t('door.opensNow')} ${t('door.recorded')}`}
          failedTitle={t('door.didNotOpen')}
          label={t('door.reason')}
          placeholder={t('door.reasonPlaceholder')}
          submitLabel={t('door.submit')}
          send={(reason) => doorCalls.open({ reason, recipientId: recipient?.id })}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}
