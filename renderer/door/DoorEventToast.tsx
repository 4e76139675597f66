import { Alert } from '@mantine/core';
import { useTranslation } from '../i18n';
import { describeDoorEvent } from './describeDoorEvent';
import { useLatestDoorEvent } from './useDoor';

const showForMs = 8000;

/** A short notice in the corner for each door event, so staff at the desk see who came in (DoorAnnouncer says it aloud). */
export function DoorEventToast() {
  const { t } = useTranslation();
  const { event, dismiss } = useLatestDoorEvent(showForMs);
  if (!event) return null;
  const { color, title, text } = describeDoorEvent(event);
  return (
    <Alert
      color={color}
      variant="outline"
      bg="var(--mantine-color-body)"
      title={title}
      role="status"
      withCloseButton
      closeButtonLabel={t('common.dismiss')}
      onClose={dismiss}
      pos="fixed"
      bottom={24}
      right={24}
      w={380}
      style={{ zIndex: 400, boxShadow: 'var(--mantine-shadow-md)' }}
    >
      {text}
    </Alert>
  );
}
