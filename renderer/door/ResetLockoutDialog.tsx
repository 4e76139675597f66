import { Modal } from '@mantine/core';
import { useTranslation } from '../i18n';
import { ReasonForm } from './ReasonForm';
import { doorCalls } from './useDoor';

interface Props {
  opened: boolean;
  onClose: () => void;
}

/** Clears a keypad lockout someone caused on purpose, so residents are not kept out until it expires. */
export function ResetLockoutDialog({ opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('door.reset.title')}>
      {opened && (
        <ReasonForm
          intro={t('door.reset.intro')}
          failedTitle={t('door.reset.failed')}
          label={t('door.reset.reason')}
          placeholder={t('door.reset.placeholder')}
          submitLabel={t('door.reset.submit')}
          submitColor="orange.9"
          send={doorCalls.resetLockout}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}
