import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState, type ReactNode, type Ref } from 'react';
import type { RecipientSummary } from '../../src/contract';
import { useTranslation } from '../i18n';
import { useActiveRecipients } from '../recipients/useRecipients';

const optionLabel = (r: RecipientSummary) => `${r.lastName}, ${r.firstName} — ${r.unit}`;

interface Props {
  value: RecipientSummary | null;
  onChange: (recipient: RecipientSummary | null) => void;
  error?: ReactNode;
  /** The text box, for a form that moves focus to it (package intake after a scan). */
  inputRef?: Ref<HTMLInputElement>;
}

/** Type part of a name, pick an active recipient from the list that follows the typing. */
export function RecipientPicker({ value, onChange, error, inputRef }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const searchSoon = useDebouncedCallback(setQuery, 200);
  const results = useActiveRecipients(query);

  // The chosen recipient stays an option while the list follows newer typing, so the field keeps its label.
  const byId = new Map((results.data?.items ?? []).map((r) => [String(r.id), r]));
  if (value) byId.set(String(value.id), value);
  const options = [...byId.entries()].map(([id, r]) => ({ value: id, label: optionLabel(r) }));

  // Said beside the field, not inside the list: an open listbox holding no option is an error for screen readers.
  const nothingFound =
    search.trim() === '' || query.trim() === '' || options.length > 0
      ? ''
      : results.loading
        ? t('access.picker.searching')
        : t('access.picker.noMatch');

  return (
    <Stack gap={4}>
      <Select
        ref={inputRef}
        label={t('access.single.recipient')}
        description={t('access.picker.description')}
        placeholder={t('access.picker.placeholder')}
        searchable
        clearable
        data={options}
        // The core already matched the typing (accents, unit numbers); filtering again here would hide its matches.
        filter={({ options: all }) => all}
        value={value ? String(value.id) : null}
        onChange={(id) => onChange(id === null ? null : (byId.get(id) ?? null))}
        searchValue={search}
        onSearchChange={(text) => {
          setSearch(text);
          // Choosing an option writes its label into the search box; that is not something to search for.
          if (!value || text !== optionLabel(value)) searchSoon(text);
        }}
        error={error}
        comboboxProps={{ withinPortal: true }}
        data-autofocus
      />
      <Text role="status" size="sm" c="dimmed">
        {nothingFound}
      </Text>
    </Stack>
  );
}
