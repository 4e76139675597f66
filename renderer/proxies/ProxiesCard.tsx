import { Badge, Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { api, type ProxyItem, type ProxyPinIssued, type Recipient } from '../../src/contract';
import { PinDisplay } from '../access/PinDisplay';
import { describeSent } from '../access/notify';
import { useAction } from '../api/useAction';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { DayInput } from '../components/form/DayInput';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { usePhoneFormat } from '../components/usePhoneFormat';
import { formatDate, useTranslation } from '../i18n';
import { proxyCalls, useProxies } from './useProxies';

/** Recipient Detail View → "Allowed to collect": people who may collect this recipient's packages, and their proxy PINs. */
export function ProxiesCard({ recipient }: { recipient: Recipient }) {
  const { t } = useTranslation();
  const proxies = useProxies(recipient.id);
  const [adding, setAdding] = useState(false);
  const [pinFor, setPinFor] = useState<ProxyItem | null>(null);
  const [revoking, setRevoking] = useState<ProxyItem | null>(null);
  const name = `${recipient.firstName} ${recipient.lastName}`;
  const list = proxies.data ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="proxies-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="proxies-heading">
            {t('proxies.title')}
          </Title>
          {recipient.status === 'active' && (
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
              {t('proxies.add')}
            </Button>
          )}
        </Group>
        <ErrorAlert error={proxies.error} title={t('proxies.loadFailed')} />
        {proxies.data && list.length === 0 && <Text c="dimmed">{t('proxies.none', { name })}</Text>}
        {list.length > 0 && <ProxyTable proxies={list} onPin={setPinFor} onRevoke={setRevoking} />}
      </Stack>
      <AddProxyDialog opened={adding} recipient={recipient} onClose={() => setAdding(false)} />
      <ProxyPinDialog proxy={pinFor} recipientName={name} onClose={() => setPinFor(null)} />
      <RevokeProxyDialog proxy={revoking} recipientName={name} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function ProxyTable({
  proxies,
  onPin,
  onRevoke,
}: {
  proxies: ProxyItem[];
  onPin: (p: ProxyItem) => void;
  onRevoke: (p: ProxyItem) => void;
}) {
  const { t } = useTranslation();
  const phone = usePhoneFormat();
  return (
    <Table aria-label={t('proxies.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('proxies.name')}</Table.Th>
          <Table.Th>{t('proxies.contact')}</Table.Th>
          <Table.Th>{t('proxies.until')}</Table.Th>
          <Table.Th>{t('proxies.pin')}</Table.Th>
          <Table.Th>
            <VisuallyHidden>{t('proxies.actions')}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {proxies.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              <Text size="sm" td={p.active ? undefined : 'line-through'} c={p.active ? undefined : 'dimmed'}>
                {p.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{[p.email, p.phone && phone(p.phone)].filter(Boolean).join(', ') || t('common.none')}</Text>
            </Table.Td>
            <Table.Td>
              {p.revokedAt ? (
                <Badge color="gray" variant="light">
                  {t('proxies.revokedOn', { date: formatDate(p.revokedAt) })}
                </Badge>
              ) : p.untilDate ? (
                p.active ? (
                  formatDate(p.untilDate)
                ) : (
                  <Badge color="gray" variant="light">
                    {t('proxies.ended', { date: formatDate(p.untilDate) })}
                  </Badge>
                )
              ) : (
                t('proxies.allPackages')
              )}
            </Table.Td>
            <Table.Td>{p.hasPin ? t('proxies.hasPin') : t('common.none')}</Table.Td>
            <Table.Td>
              {p.active && (
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => onPin(p)} aria-label={t('proxies.givePinFor', { name: p.name })}>
                    {p.hasPin ? t('proxies.newPin') : t('proxies.givePin')}
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    onClick={() => onRevoke(p)}
                    aria-label={t('proxies.revokeFor', { name: p.name })}
                  >
                    {t('proxies.revoke')}
                  </Button>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AddProxyDialog({ opened, recipient, onClose }: { opened: boolean; recipient: Recipient; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('proxies.addTitle', { name: `${recipient.firstName} ${recipient.lastName}` })}>
      {opened && <AddProxy recipientId={recipient.id} onClose={onClose} />}
    </Modal>
  );
}

function AddProxy({ recipientId, onClose }: { recipientId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['proxies.add'].input,
    initialValues: { name: '', phone: '', email: '', untilDate: '' },
    toInput: (values) => ({
      recipientId,
      name: values.name,
      phone: values.phone,
      email: values.email,
      untilDate: values.untilDate || null,
    }),
    onSubmit: async (input) => {
      await proxyCalls.add(input);
      onClose();
    },
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('proxies.addIntro')}</Text>
        <ErrorAlert error={formError} />
        <TextInput label={t('proxies.name')} required {...form.getInputProps('name')} data-autofocus />
        <TextInput label={t('proxies.phone')} type="tel" {...form.getInputProps('phone')} />
        <TextInput label={t('proxies.email')} type="email" {...form.getInputProps('email')} />
        <DayInput clearable label={t('proxies.untilLabel')} description={t('proxies.untilHint')} {...form.getInputProps('untilDate')} />
        <DialogActions label={t('proxies.addSubmit')} busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

function ProxyPinDialog({ proxy, recipientName, onClose }: { proxy: ProxyItem | null; recipientName: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={proxy !== null} onClose={onClose} title={t('proxies.pinTitle')}>
      {proxy && <ProxyPin proxy={proxy} recipientName={recipientName} onClose={onClose} />}
    </Modal>
  );
}

function ProxyPin({ proxy, recipientName, onClose }: { proxy: ProxyItem; recipientName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = usePhoneFormat();
  const [issued, setIssued] = useState<ProxyPinIssued | null>(null);
  const { run, busy, error } = useAction(async () => setIssued(await proxyCalls.issuePin(proxy.id)));
  if (issued) {
    return (
      <Stack>
        <PinDisplay label={t('proxies.pinFor', { name: proxy.name, recipient: recipientName })} pin={issued.pin} />
        <Text size="sm">{t('access.regen.shownOnce', { sent: describeSent(issued.notifications, phone) })}</Text>
        <DialogActions label={t('common.done')} onConfirm={onClose} focus="primary" />
      </Stack>
    );
  }
  return (
    <Stack>
      <Text>{t(proxy.hasPin ? 'proxies.pinReplaceIntro' : 'proxies.pinIntro', { name: proxy.name, recipient: recipientName })}</Text>
      <ErrorAlert error={error} title={t('proxies.pinFailed')} />
      <DialogActions label={t('proxies.pinSubmit')} busy={busy} onConfirm={() => void run()} onCancel={onClose} />
    </Stack>
  );
}

function RevokeProxyDialog({ proxy, recipientName, onClose }: { proxy: ProxyItem | null; recipientName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { run, busy, error } = useAction(async (id: number) => {
    await proxyCalls.revoke(id);
    onClose();
  });
  return (
    <Modal opened={proxy !== null} onClose={onClose} title={t('proxies.revokeTitle')}>
      {proxy && (
        <Stack>
          <Text>{t('proxies.revokeText', { name: proxy.name, recipient: recipientName })}</Text>
          <ErrorAlert error={error} title={t('proxies.revokeFailed')} />
          <DialogActions
            label={t('proxies.revoke')}
            color="red"
            busy={busy}
            onConfirm={() => void run(proxy.id)}
            onCancel={onClose}
            focus="cancel"
          />
        </Stack>
      )}
    </Modal>
  );
}
