import { Stack, Text, Title } from '@mantine/core';
import { useLocation } from 'wouter';
import { routes } from '../app/routes';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { PackageTable } from './PackageTable';
import { useRecipientPackages } from './usePackages';

const shownAtMost = 50;

/** The Packages section of the Recipient Detail View: newest first, every status; a row opens the package (`#/packages/<id>`). */
export function RecipientPackages({ recipientId }: { recipientId: number }) {
  const { t } = useTranslation();
  const list = useRecipientPackages(recipientId, shownAtMost);
  const reload = list.reload;
  const [, navigate] = useLocation();
  return (
    <Stack component="section" aria-labelledby="recipient-packages-heading">
      <Title order={3} id="recipient-packages-heading">
        {t('packages.recipient.title')}
      </Title>
      <ErrorAlert error={list.error} title={t('packages.recipient.loadFailed')} />
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('packages.recipient.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <PackageTable
          items={list.data.items}
          label={t('packages.recipient.label')}
          showRecipient={false}
          onOpen={(id) => navigate(routes.package(id))}
          onChanged={reload}
        />
      )}
      {list.data?.more && <Text c="dimmed">{t('packages.recipient.more', { max: shownAtMost })}</Text>}
    </Stack>
  );
}
