import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDatabaseExclamation } from '@tabler/icons-react';
import { useEffect } from 'react';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { sentenceText, useTranslation } from '../i18n';

const recheckMs = 5 * 60_000;

/** The header's backup warning: no backup in 48 hours, the folder missing or full, or backups not set up. */
export function BackupWarning() {
  const { t } = useTranslation();
  const health = useQuery(() => invoke('backups.health', {}), []);
  const { reload } = health;
  // Backup problems raise alerts, so an alert change is the moment to look again.
  useEffect(() => on('alerts.changed', reload), [reload]);
  useEffect(() => {
    const timer = setInterval(reload, recheckMs);
    return () => clearInterval(timer);
  }, [reload]);
  const sentence = health.data?.warning;
  if (!sentence) return null;
  const warning = sentenceText(sentence);
  return (
    <Tooltip label={warning} multiline w={320} withinPortal>
      <Badge color="orange" variant="light" size="lg" leftSection={<IconDatabaseExclamation size={16} aria-hidden />}>
        {t('backups.badge')}
        <VisuallyHidden>: {warning}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}
