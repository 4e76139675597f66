import { Button, Card, Checkbox, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import type { CarrierCode, CarrierCodeIssued, CarrierCodeLookup } from '../../src/contract';
import { useAction } from '../api/useAction';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { formatDate, useTranslation } from '../i18n';
import { PinDisplay } from '../access/PinDisplay';
import { AddCarrierCodeDialog } from './AddCarrierCodeDialog';
import { carrierCalls, useCarrierCodes } from './useCarrierCodes';
import { ShownOnce } from './CodeDisplay';
import { describeDays, describeHours } from './describe';

type Action = { kind: 'lookup' | 'regenerate' | 'revoke'; code: CarrierCode };

/** Settings → Carrier access: door codes for couriers that work only in their delivery hours. */
export function CarrierAccess() {
  const { t } = useTranslation();
  const codes = useCarrierCodes();
  const [adding, setAdding] = useState(false);
  const [action, setAction] = useState<Action | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="carrier-access">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="carrier-access">
            {t('carriers.title')}
          </Title>
          <Button leftSection={<IconTruckDelivery size={16} aria-hidden />} onClick={() => setAdding(true)}>
            {t('carriers.add')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('carriers.intro')}
        </Text>
        <ErrorAlert error={codes.error} title={t('carriers.loadFailed')} />
        <Table aria-label={t('carriers.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('carriers.carrier')}</Table.Th>
              <Table.Th>{t('carriers.days')}</Table.Th>
              <Table.Th>{t('carriers.hours')}</Table.Th>
              <Table.Th>{t('carriers.ends')}</Table.Th>
              <Table.Th>{t('carriers.created')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('carriers.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {codes.data?.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{describeDays(c.days)}</Table.Td>
                <Table.Td>{describeHours(c)}</Table.Td>
                <Table.Td>{c.untilDate ? formatDate(`${c.untilDate}T12:00:00`) : t('carriers.noEndDate')}</Table.Td>
                <Table.Td>
                  {c.createdBy ? t('carriers.createdBy', { date: formatDate(c.createdAt), name: c.createdBy }) : formatDate(c.createdAt)}
                </Table.Td>
                <Table.Td ta="right">
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {(['lookup', 'regenerate', 'revoke'] as const).map((kind) => (
                      <Button
                        key={kind}
                        size="xs"
                        variant="subtle"
                        color={kind === 'revoke' ? 'red' : undefined}
                        aria-label={t(`carriers.${kind}Label`, { name: c.name })}
                        onClick={() => setAction({ kind, code: c })}
                      >
                        {t(`carriers.${kind}`)}
                      </Button>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {codes.data?.length === 0 && <Text c="dimmed">{t('carriers.empty')}</Text>}
      </Stack>
      <AddCarrierCodeDialog opened={adding} onClose={() => setAdding(false)} onAdded={codes.reload} />
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? t(`carriers.titles.${action.kind}`) : ''}>
        {action && <CodeAction action={action} onChanged={codes.reload} onClose={() => setAction(null)} />}
      </Modal>
    </Card>
  );
}

function CodeAction({ action, onChanged, onClose }: { action: Action; onChanged: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { kind, code } = action;
  const [verified, setVerified] = useState(false);
  const [shown, setShown] = useState<CarrierCodeLookup | CarrierCodeIssued | null>(null);
  const { run, busy, error } = useAction(async () => {
    if (kind === 'lookup') setShown(await carrierCalls.lookup(code.id));
    else if (kind === 'regenerate') setShown(await carrierCalls.regenerate(code.id));
    else {
      await carrierCalls.revoke(code.id);
      onClose();
    }
    if (kind !== 'lookup') onChanged();
  });

  if (shown && 'carrierCode' in shown) return <ShownOnce name={code.name} code={shown.code} onDone={onClose} />;
  if (shown) {
    return (
      <Stack>
        <PinDisplay label={t('carriers.codeFor', { name: code.name })} pin={shown.code} />
        <Text size="sm">{t('carriers.issued', { date: formatDate(shown.createdAt) })}</Text>
        <DialogActions label={t('common.done')} onConfirm={onClose} focus="primary" />
      </Stack>
    );
  }
  const confirm = t({ lookup: 'carriers.show', regenerate: 'carriers.regenerate', revoke: 'carriers.revoke' }[kind]);
  return (
    <Stack>
      {kind === 'lookup' && (
        <>
          <Text>{t('carriers.lookupIntro', { name: code.name })}</Text>
          <Checkbox label={t('carriers.verified')} required checked={verified} onChange={(e) => setVerified(e.currentTarget.checked)} />
        </>
      )}
      {kind === 'regenerate' && <Text>{t('carriers.regenerateText', { name: code.name })}</Text>}
      {kind === 'revoke' && <Text>{t('carriers.revokeText', { name: code.name })}</Text>}
      <ErrorAlert error={error} />
      <DialogActions
        label={confirm}
        onConfirm={() => void run()}
        onCancel={onClose}
        busy={busy}
        disabled={kind === 'lookup' && !verified}
        color={kind === 'lookup' ? undefined : 'red'}
      />
    </Stack>
  );
}
