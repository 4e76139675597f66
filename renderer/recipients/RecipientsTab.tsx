import { ActionIcon, Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconChevronRight, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/ErrorText';
import { rowOpens } from '../components/rowOpens';
import { usePhoneFormat } from '../components/usePhoneFormat';
import { useTranslation } from '../i18n';
import type { Language } from '../../src/contract';
import { RecipientDetail } from './RecipientDetail';
import { useRecipientSearch, type StatusFilter } from './useRecipients';

interface Props {
  openId: number | null;
  onOpen: (id: number | null) => void;
  onAdd: () => void;
  siteLanguage: Language;
}

export function RecipientsTab({ openId, onOpen, onAdd, siteLanguage }: Props) {
  if (openId !== null) return <RecipientDetail id={openId} onBack={() => onOpen(null)} siteLanguage={siteLanguage} />;
  return <RecipientSearch onOpen={onOpen} onAdd={onAdd} />;
}

function RecipientSearch({ onOpen, onAdd }: { onOpen: (id: number) => void; onAdd: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  // Typeahead: results follow the typing; the Search button (or Enter) searches at once.
  const searchSoon = useDebouncedCallback(setQuery, 200);

  const results = useRecipientSearch(query, status);
  const { reload } = results;
  const phone = usePhoneFormat();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    searchSoon.cancel();
    if (query === text) reload();
    else setQuery(text);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('recipients.title')}</Title>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={onAdd}>
          {t('shell.addRecipient')}
        </Button>
      </Group>
      <form onSubmit={submit} role="search">
        <Group align="flex-end">
          <TextInput
            label={t('recipients.search')}
            placeholder={t('recipients.searchPlaceholder')}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              searchSoon(e.currentTarget.value);
            }}
            w={360}
            autoFocus
            rightSection={
              <ActionIcon type="submit" variant="subtle" aria-label={t('recipients.search')}>
                <IconSearch size={18} aria-hidden />
              </ActionIcon>
            }
          />
          <SegmentedControl
            aria-label={t('recipients.show')}
            value={status}
            onChange={(v) => setStatus(v as StatusFilter)}
            data={[
              { label: t('common.active'), value: 'active' },
              { label: t('common.inactive'), value: 'inactive' },
              { label: t('common.all'), value: 'all' },
            ]}
          />
        </Group>
      </form>
      <ErrorAlert error={results.error} title={t('recipients.searchFailed')} />
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('recipients.title')} aria-busy={results.loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('recipients.name')}</Table.Th>
            <Table.Th>{t('recipients.unit')}</Table.Th>
            <Table.Th>{t('recipients.email')}</Table.Th>
            <Table.Th>{t('recipients.phone')}</Table.Th>
            <Table.Th>{t('recipients.status')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('recipients.view')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.data?.items.map((r) => (
            <Table.Tr key={r.id} {...rowOpens(() => onOpen(r.id))}>
              <Table.Td>
                {r.lastName}, {r.firstName}
              </Table.Td>
              <Table.Td>{r.unit}</Table.Td>
              <Table.Td>{r.email ?? t('common.none')}</Table.Td>
              <Table.Td>{r.phone ? phone(r.phone) : t('common.none')}</Table.Td>
              <Table.Td>
                <Badge color={r.status === 'active' ? 'green' : 'gray'} variant="light">
                  {r.status === 'active' ? t('common.active') : t('common.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <ActionIcon
                  variant="subtle"
                  aria-label={t('recipients.view')}
                  title={t('recipients.viewName', { name: `${r.firstName} ${r.lastName}` })}
                  onClick={() => onOpen(r.id)}
                >
                  <IconChevronRight size={18} aria-hidden />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {results.data && results.data.items.length === 0 && (
        <Text c="dimmed">{query ? t('recipients.noMatch', { query }) : t('recipients.none')}</Text>
      )}
      {results.data?.more && <Text c="dimmed">{t('recipients.more', { count: results.data.items.length })}</Text>}
    </Stack>
  );
}
