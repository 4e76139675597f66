import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { languages, type Language, type Recipient } from '../../src/contract';
import { AccessMenu } from '../access/AccessMenu';
import { AccessSection } from '../access/AccessSection';
import { useAccessOverview } from '../access/useAccess';
import { describeAction, describeActor, describeDetails } from '../activity/describe';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePhoneFormat } from '../components/usePhoneFormat';
import { HoldCard } from '../holds/HoldCard';
import { RecipientPackages } from '../packages/RecipientPackages';
import { ProxiesCard } from '../proxies/ProxiesCard';
import { formatDateTime, useTranslation } from '../i18n';
import { RecipientForm } from './RecipientForm';
import { saveRecipient, useRecipient } from './useRecipients';

function Field({ label, value }: { label: string; value: string | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value ?? t('common.none')}</Text>
    </div>
  );
}

export function RecipientDetail({ id, onBack, siteLanguage }: { id: number; onBack: () => void; siteLanguage: Language }) {
  const { t } = useTranslation();
  const { recipient, history, actionError, ...actions } = useRecipient(id);
  const access = useAccessOverview(id);
  const phone = usePhoneFormat();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const r: Recipient | undefined = recipient.data;

  async function setStatus(status: Recipient['status']) {
    setConfirming(false);
    await actions.setStatus(status);
  }

  return (
    <Stack>
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack}>
          {t('recipients.back')}
        </Button>
      </Group>
      <ErrorAlert error={recipient.error} title={t('recipients.loadFailed')} />
      {r && (
        <>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2}>
                {r.firstName} {r.lastName}
              </Title>
              <Group gap="xs">
                <Text c="dimmed">{t('recipients.detailSubtitle', { unit: r.unit })}</Text>
                <Badge color={r.status === 'active' ? 'green' : 'gray'} variant="light">
                  {r.status === 'active' ? t('common.active') : t('common.inactive')}
                </Badge>
              </Group>
            </div>
            <Group>
              <AccessMenu recipient={r} overview={access.data} />
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              {r.status === 'active' ? (
                <Button color="red" variant="light" onClick={() => setConfirming(true)}>
                  {t('common.deactivate')}
                </Button>
              ) : (
                <Button variant="light" onClick={() => void setStatus('active')}>
                  {t('common.reactivate')}
                </Button>
              )}
            </Group>
          </Group>
          <ErrorAlert error={actionError} />
          <Card withBorder component="section" aria-label={t('recipients.contactDetails')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Field label={t('recipients.firstName')} value={r.firstName} />
              <Field label={t('recipients.lastName')} value={r.lastName} />
              <Field label={t('recipients.unit')} value={r.unit} />
              <Field label={t('recipients.email')} value={r.email} />
              <Field label={t('recipients.phone')} value={r.phone && phone(r.phone)} />
              <Field label={t('recipients.residentId')} value={r.externalId} />
              <Field
                label={t('recipients.language')}
                value={r.language ? languages[r.language] : t('recipients.form.siteLanguage', { language: languages[siteLanguage] })}
              />
              <Field label={t('recipients.packageNotices')} value={t(`recipients.packageNoticesVia.${r.packageNotices ?? 'all'}`)} />
            </SimpleGrid>
          </Card>
          <ErrorAlert error={access.error} title={t('recipients.accessLoadFailed')} />
          {access.data && <AccessSection overview={access.data} />}
          <HoldCard recipientId={r.id} active={r.status === 'active'} />
          <ProxiesCard recipient={r} />
          <RecipientPackages recipientId={r.id} />
          <Title order={3}>{t('recipients.history')}</Title>
          <Table aria-label={t('recipients.history')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('recipients.when')}</Table.Th>
                <Table.Th>{t('recipients.who')}</Table.Th>
                <Table.Th>{t('recipients.what')}</Table.Th>
                <Table.Th>{t('recipients.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data?.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>{describeActor(e)}</Table.Td>
                  <Table.Td>{describeAction(e.action)}</Table.Td>
                  <Table.Td>{describeDetails(e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <RecipientForm
            opened={editing}
            recipient={r}
            siteLanguage={siteLanguage}
            onClose={() => setEditing(false)}
            onSave={saveRecipient(r)}
            onSaved={() => setEditing(false)}
          />
          <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('recipients.deactivateTitle')}>
            <Stack>
              <Text>{t('recipients.deactivateText', { name: `${r.firstName} ${r.lastName}` })}</Text>
              <DialogActions
                label={t('common.deactivate')}
                color="red"
                onConfirm={() => void setStatus('inactive')}
                onCancel={() => setConfirming(false)}
                focus="cancel"
              />
            </Stack>
          </Modal>
        </>
      )}
    </Stack>
  );
}
