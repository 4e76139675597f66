import { Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { PackageTable } from './PackageTable';

const shownAtMost = 50;

/** The Packages section of the Recipient Detail View: newest first, every status. */
export function RecipientPackages({ recipientId }: { recipientId: number }) {
  const { t } = useTranslation();
  const list = useQuery(() => invoke('packages.list', { status: 'all', recipientId, limit: shownAtMost }), [recipientId]);
  const reload = list.reload;
  useEffect(() => on('packages.changed', (e) => e.recipientIds.includes(recipientId) && reload()), [recipientId, reload]);
  return (
    <Stack component="section" aria-labelledby="recipient-packages-heading">
      <Title order={3} id="recipient-packages-heading">
        {t('packages.recipient.title')}
      </Title>
      <ErrorAlert error={list.error} title={t('packages.recipient.loadFailed')} />
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('packages.recipient.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <PackageTable items={list.data.items} label={t('packages.recipient.label')} showRecipient={false} onChanged={reload} />
      )}
      {list.data?.more && <Text c="dimmed">{t('packages.recipient.more', { max: shownAtMost })}</Text>}
    </Stack>
  );
}
