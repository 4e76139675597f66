import { Anchor, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { routes } from '../app/routes';
import { ErrorAlert } from '../components/ErrorText';
import { formatDateTime, useTranslation } from '../i18n';
import { days, describePickup, recipientLabel } from './labels';
import { PackageActionDialog, PackageActions, StatusBadges, type PackageAction } from './PackageTable';
import { PutAsideHistory, UnmatchedCell } from './Unmatched';
import { usePackage } from './usePackages';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {children}
    </div>
  );
}

/** One package (`#/packages/<id>`): what the list shows of it, its recipient as a link, and its actions. */
export function PackageDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const item = usePackage(id);
  // An action's dialog takes the detail's place while it is open, then the detail comes back, updated.
  const [action, setAction] = useState<PackageAction | null>(null);
  const p = item.data;

  if (p && action) return <PackageActionDialog kind={action} item={p} onClose={() => setAction(null)} onDone={() => setAction(null)} />;
  return (
    <Modal
      opened
      onClose={onClose}
      title={p ? t('packages.detail.title', { tracking: p.tracking }) : t('packages.detail.titleLoading')}
      size="lg"
    >
      <Stack>
        <ErrorAlert error={item.error} title={t('packages.detail.loadFailed')} />
        {p && (
          <>
            <SimpleGrid cols={2} spacing="md">
              <Field label={t('packages.table.tracking')}>
                <Text ff="monospace">{p.tracking}</Text>
              </Field>
              <Field label={t('packages.table.carrier')}>
                <Text>{p.carrierLabel}</Text>
              </Field>
              <Field label={t('packages.table.recipient')}>
                {p.recipient ? <Anchor href={routes.recipient(p.recipient.id)}>{recipientLabel(p)}</Anchor> : <UnmatchedCell item={p} />}
                {p.putAside && <PutAsideHistory putAside={p.putAside} />}
              </Field>
              <Field label={t('packages.table.shelf')}>
                <Text>{p.shelf ?? t('common.none')}</Text>
              </Field>
              <Field label={t('packages.edit.size')}>
                <Text>{t(`packages.size.${p.size}`)}</Text>
              </Field>
              <Field label={t('packages.table.logged')}>
                <Text>
                  {formatDateTime(p.loggedAt)} {t('packages.table.loggedBy', { name: p.loggedBy })}
                </Text>
              </Field>
              <Field label={t('packages.table.age')}>
                <Text>{days(p.ageDays)}</Text>
              </Field>
              <Field label={t('packages.table.status')}>
                <StatusBadges item={p} />
                {p.pickup && <Text size="sm">{describePickup(p)}</Text>}
                {p.returned && <Text size="sm">{p.returned.reason}</Text>}
              </Field>
            </SimpleGrid>
            {p.note && (
              <Field label={t('packages.edit.note')}>
                <Text>{p.note}</Text>
              </Field>
            )}
            <Group justify="flex-end">
              <PackageActions item={p} onChoose={setAction} />
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
