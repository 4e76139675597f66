import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDatabaseExclamation } from '@tabler/icons-react';
import type { Message } from '../../src/contract';
import { headerBadgeProps } from '../components/headerBadge';
import { sentenceText, useTranslation } from '../i18n';
import { useBackupHealth } from './useBackupHealth';

/** The header's backup warning: no backup in 48 hours, the folder missing or full, or backups not set up. */
export function BackupWarning() {
  return <BackupBadge warning={useBackupHealth()?.warning ?? null} />;
}

/** Nothing while backups are fine; gone as soon as they are again. */
export function BackupBadge({ warning }: { warning: Message | null }) {
  const { t } = useTranslation();
  if (!warning) return null;
  const text = sentenceText(warning);
  return (
    <Tooltip label={text} multiline w={320} withinPortal>
      <Badge color="orange" leftSection={<IconDatabaseExclamation size={16} aria-hidden />} {...headerBadgeProps} tt="uppercase">
        {t('backups.badge')}
        <VisuallyHidden>: {text}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}
