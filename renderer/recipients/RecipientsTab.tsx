import { ActionIcon, Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconChevronRight, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { RecipientDetail } from './RecipientDetail';

type StatusFilter = 'active' | 'inactive' | 'all';

interface Props {
  openId: number | null;
  onOpen: (id: number | null) => void;
  onAdd: () => void;
}

export function RecipientsTab({ openId, onOpen, onAdd }: Props) {
  if (openId !== null) return <RecipientDetail id={openId} onBack={() => onOpen(null)} />;
  return <RecipientSearch onOpen={onOpen} onAdd={onAdd} />;
}

function RecipientSearch({ onOpen, onAdd }: { onOpen: (id: number) => void; onAdd: () => void }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  // Typeahead: results follow the typing; the Search button (or Enter) searches at once.
  const searchSoon = useDebouncedCallback(setQuery, 200);

  const results = useQuery(() => invoke('recipients.search', { query, status, limit: 50 }), [query, status]);
  const { reload } = results;
  useEffect(() => on('recipients.changed', reload), [reload]);
  useEffect(() => on('roster.applied', reload), [reload]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    searchSoon.cancel();
    if (query === text) reload();
    else setQuery(text);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Recipients</Title>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={onAdd}>
          Add Recipient
        </Button>
      </Group>
      <form onSubmit={submit} role="search">
        <Group align="flex-end">
          <TextInput
            label="Search"
            placeholder="Name or unit"
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              searchSoon(e.currentTarget.value);
            }}
            w={360}
            autoFocus
            rightSection={
              <ActionIcon type="submit" variant="subtle" aria-label="Search">
                <IconSearch size={18} aria-hidden />
              </ActionIcon>
            }
          />
          <SegmentedControl
            aria-label="Show recipients"
            value={status}
            onChange={(v) => setStatus(v as StatusFilter)}
            data={[
              { label: 'Active', value: 'active' },
              { label: 'Inactive', value: 'inactive' },
              { label: 'All', value: 'all' },
            ]}
          />
        </Group>
      </form>
      <ErrorAlert error={results.error} title="Search failed" />
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Recipients" aria-busy={results.loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Unit</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <VisuallyHidden>View</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.data?.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                {r.lastName}, {r.firstName}
              </Table.Td>
              <Table.Td>{r.unit}</Table.Td>
              <Table.Td>{r.email ?? '—'}</Table.Td>
              <Table.Td>{r.phone ?? '—'}</Table.Td>
              <Table.Td>
                <Badge color={r.status === 'active' ? 'green' : 'gray'} variant="light">
                  {r.status === 'active' ? 'Active' : 'Inactive'}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <ActionIcon variant="subtle" aria-label="View" title={`View ${r.firstName} ${r.lastName}`} onClick={() => onOpen(r.id)}>
                  <IconChevronRight size={18} aria-hidden />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {results.data && results.data.items.length === 0 && (
        <Text c="dimmed">{query ? `No recipients match "${query}".` : 'No recipients yet. Use Add Recipient to add one.'}</Text>
      )}
      {results.data?.more && <Text c="dimmed">Showing the first 50 matches. Type more of the name or unit to narrow the list.</Text>}
    </Stack>
  );
}
