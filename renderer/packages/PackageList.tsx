import { Button, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { routes } from '../app/routes';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { statusLabel } from './labels';
import { PackageTable } from './PackageTable';
import { usePackageList, useUnmatchedCount } from './usePackages';

type Filter = (typeof statusFilters)[number] | 'all' | 'unmatched';
const statusFilters = ['waiting', 'picked_up', 'returned', 'missing'] as const;
const pageSize = 50;

/** The package log, filtered and searched; `onOpen` opens a package's detail. */
export function PackageList({ onOpen, showUnmatched = false }: { onOpen: (id: number) => void; showUnmatched?: boolean }) {
  const { t } = useTranslation();
  const unmatched = useUnmatchedCount().data ?? 0;
  const filters = [
    ...statusFilters.map((value) => ({ value, label: statusLabel(value) })),
    { value: 'all', label: t('common.all') },
    { value: 'unmatched', label: t('packages.unmatched.filter', { count: unmatched }) },
  ];
  const [status, setStatus] = useState<Filter>(showUnmatched ? 'unmatched' : 'waiting');
  const [, navigate] = useLocation();
  // The header's link asks for the queue by address; once shown, the address is the list's again, so the link
  // works the next time too (replaced, so Back does not come here again).
  if (showUnmatched && status !== 'unmatched') setStatus('unmatched');
  useEffect(() => {
    if (showUnmatched) navigate(routes.packages(), { replace: true });
  }, [showUnmatched, navigate]);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const [oldestFirst, setOldestFirst] = useState(false);
  const filter = { status, query: debounced, sort: oldestFirst ? ('oldest' as const) : ('newest' as const) };
  // How many pages are shown, for the filter they were shown with: another filter starts again at one.
  const [shown, setShown] = useState({ filter: JSON.stringify(filter), pages: 1 });
  const pages = shown.filter === JSON.stringify(filter) ? shown.pages : 1;
  const list = usePackageList(filter, pages, pageSize);
  const reload = list.reload;

  return (
    <Stack component="section" aria-labelledby="package-list-heading">
      <Group justify="space-between">
        <Title order={3} id="package-list-heading">
          {t('packages.list.title')}
        </Title>
        <Group>
          <SegmentedControl aria-label={t('packages.list.show')} data={filters} value={status} onChange={(v) => setStatus(v as Filter)} />
          <TextInput
            aria-label={t('packages.list.search')}
            placeholder={t('packages.list.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={300}
          />
        </Group>
      </Group>
      <ErrorAlert error={list.error} title={t('packages.list.loadFailed')} />
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('packages.list.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <PackageTable
          items={list.data.items}
          label={t('packages.list.label')}
          sort={{ oldestFirst, toggle: () => setOldestFirst((v) => !v) }}
          onOpen={onOpen}
          onChanged={reload}
        />
      )}
      {list.data?.more && (
        <Button variant="default" onClick={() => setShown({ filter: JSON.stringify(filter), pages: pages + 1 })}>
          {t('packages.list.showMore')}
        </Button>
      )}
    </Stack>
  );
}
