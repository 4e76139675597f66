import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { activityKinds, type ActivityKind } from '../../src/contract/activity';
import type { AuditEntry, RecipientSummary } from '../../src/contract';
import { RecipientPicker } from '../access/RecipientPicker';
import { ErrorAlert } from '../components/ErrorText';
import { dayFormatter } from '../components/form/dayFormatter';
import { formatDateTime, useTranslation } from '../i18n';
import { describeActor, describeDetails, describeEntry, describeSubject } from './describe';
import { ExportDialog } from './ExportDialog';
import { useActivity, useActivityStaff, type ActivityQuery } from './useActivity';

const pageSize = 100;

/** What the filters hold as a person set them: days as YYYY-MM-DD in the reader's own time zone. */
export interface ActivityFilters {
  days: [string | null, string | null];
  kind: ActivityKind | null;
  recipient: RecipientSummary | null;
  staffId: number | null;
  query: string;
}

const noFilters: ActivityFilters = { days: [null, null], kind: null, recipient: null, staffId: null, query: '' };

/** Local midnight at the start of a YYYY-MM-DD day, as an ISO time. */
const startOfDay = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const endOfDay = (day: string) => {
  const next = new Date(`${day}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
};

/** The filters as the core asks for them: the last day counts whole. */
export function activityQuery(f: ActivityFilters, words: string): ActivityQuery {
  const [from, to] = f.days;
  return {
    ...(from && { from: startOfDay(from) }),
    ...(to && { to: endOfDay(to) }),
    ...(f.kind && { kind: f.kind }),
    ...(f.recipient && { recipientId: f.recipient.id }),
    ...(f.staffId !== null && { staffId: f.staffId }),
    ...(words.trim() && { query: words.trim() }),
  };
}

/** Every staff action and door event, newest first, updating live, narrowed by the filters above it. */
export function ActivityTab() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ActivityFilters>(noFilters);
  const [words] = useDebouncedValue(filters.query, 250);
  const query = useMemo(() => activityQuery(filters, words), [filters, words]);
  const feed = useActivity(query, pageSize);
  const staff = useActivityStaff();
  const [exporting, setExporting] = useState(false);
  const filtered = Object.keys(query).length > 0;
  const set = (change: Partial<ActivityFilters>) => setFilters((f) => ({ ...f, ...change }));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('activity.title')}</Title>
        <Button variant="default" onClick={() => setExporting(true)}>
          {t('activity.export')}
        </Button>
      </Group>
      <ExportDialog opened={exporting} onClose={() => setExporting(false)} />
      <ActivityFilterBar
        filters={filters}
        staff={staff.data ?? []}
        onChange={set}
        onClear={() => setFilters(noFilters)}
        filtered={filtered}
      />
      <ErrorAlert error={feed.error ?? staff.error} title={t('activity.loadFailed')} />
      <ActivityTable entries={feed.entries} loading={feed.loading} />
      {!feed.loading && feed.entries.length === 0 && <Text c="dimmed">{t(filtered ? 'activity.noMatch' : 'activity.nothing')}</Text>}
      {feed.more && (
        <Button variant="default" onClick={() => void feed.loadMore()}>
          {t('activity.older')}
        </Button>
      )}
    </Stack>
  );
}

interface FilterBarProps {
  filters: ActivityFilters;
  staff: { id: number; name: string; active: boolean }[];
  onChange: (change: Partial<ActivityFilters>) => void;
  onClear: () => void;
  filtered: boolean;
}

/** Dates, kind, recipient, staff member and words: each narrows the list as soon as it is set. */
export function ActivityFilterBar({ filters, staff, onChange, onClear, filtered }: FilterBarProps) {
  const { t } = useTranslation();
  const calendarLabels = {
    nextMonth: t('access.expiry.nextMonth'),
    previousMonth: t('access.expiry.previousMonth'),
    nextYear: t('access.expiry.nextYear'),
    previousYear: t('access.expiry.previousYear'),
    nextDecade: t('access.expiry.nextDecade'),
    previousDecade: t('access.expiry.previousDecade'),
    monthLevelControl: t('access.expiry.monthLevel'),
    yearLevelControl: t('access.expiry.yearLevel'),
  };
  return (
    <Stack gap="xs" role="search" aria-label={t('activity.filters.label')}>
      <Group align="flex-start" grow preventGrowOverflow={false}>
        <DatePickerInput
          type="range"
          label={t('activity.filters.days')}
          placeholder={t('activity.filters.anyDay')}
          valueFormatter={dayFormatter}
          allowSingleDateInRange
          clearable
          value={filters.days}
          onChange={(days) => onChange({ days })}
          ariaLabels={calendarLabels}
        />
        <Select
          label={t('activity.filters.kind')}
          placeholder={t('activity.filters.anyKind')}
          clearable
          data={activityKinds.map((kind) => ({ value: kind, label: t(`activity.kind.${kind}`) }))}
          value={filters.kind}
          onChange={(kind) => onChange({ kind: kind as ActivityKind | null })}
        />
        <Select
          label={t('activity.filters.staff')}
          placeholder={t('activity.filters.anyone')}
          clearable
          searchable
          data={staff.map((s) => ({ value: String(s.id), label: s.active ? s.name : t('activity.filters.inactive', { name: s.name }) }))}
          value={filters.staffId === null ? null : String(filters.staffId)}
          onChange={(id) => onChange({ staffId: id === null ? null : Number(id) })}
        />
      </Group>
      <Group align="flex-end" grow preventGrowOverflow={false}>
        <RecipientPicker value={filters.recipient} onChange={(recipient) => onChange({ recipient })} />
        <TextInput
          label={t('activity.filters.search')}
          placeholder={t('activity.filters.searchPlaceholder')}
          value={filters.query}
          onChange={(e) => onChange({ query: e.currentTarget.value })}
        />
      </Group>
      {filtered && (
        <Group>
          <Button variant="subtle" onClick={onClear}>
            {t('activity.filters.clear')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The entries as rows that read left to right: when, who, what, about whom, and the details (why). */
export function ActivityTable({ entries, loading }: { entries: AuditEntry[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table striped aria-label={t('activity.title')} aria-busy={loading}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('recipients.when')}</Table.Th>
          <Table.Th>{t('recipients.who')}</Table.Th>
          <Table.Th>{t('recipients.what')}</Table.Th>
          <Table.Th>{t('activity.subject')}</Table.Th>
          <Table.Th>{t('recipients.details')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{formatDateTime(e.at)}</Table.Td>
            <Table.Td>{e.node === null ? describeActor(e) : t('activity.atNode', { actor: describeActor(e), node: e.node })}</Table.Td>
            <Table.Td>{describeEntry(e)}</Table.Td>
            <Table.Td>
              {e.recipientId !== null ? <Anchor href={`#/recipients/${e.recipientId}`}>{e.subjectLabel}</Anchor> : describeSubject(e)}
            </Table.Td>
            <Table.Td>{describeDetails(e)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
