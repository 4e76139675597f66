import { Alert, Badge, Button, Card, Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { rosterColumnIds, type RosterColumnId, type RosterDryRun } from '../../src/contract';
import { sentenceText, useTranslation } from '../i18n';
import { columnLabel, counted } from './labels';
import type { Mapping } from './useImportFlow';

interface Props {
  dryRun: RosterDryRun;
  busy: boolean;
  onRemap: (mapping: Mapping) => void;
}

const notInFile = '';

const sameMapping = (a: Mapping, b: Mapping) => rosterColumnIds.every((c) => (a[c] ?? null) === (b[c] ?? null));

/** Step 2: the columns Packroom found, correctable, with the first rows of the file. */
export function MappingCard({ dryRun, busy, onRemap }: Props) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<Mapping>(dryRun.mapping);
  const fieldOf = new Map(rosterColumnIds.flatMap((c) => (mapping[c] == null ? [] : [[mapping[c], c] as const])));
  const options = [
    { value: notInFile, label: t('roster.mapping.notInFile') },
    ...dryRun.headers.map((h, i) => ({ value: String(i), label: h || t('roster.mapping.column', { number: i + 1 }) })),
  ];
  const choose = (column: RosterColumnId, value: string | null) =>
    setMapping((m) => ({ ...m, [column]: value === null || value === notInFile ? null : Number(value) }));

  return (
    <Card withBorder component="section" aria-labelledby="import-columns-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="import-columns-heading">
            {t('roster.mapping.title', { file: dryRun.fileName })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('roster.mapping.rows', counted(dryRun.rows))}
          </Text>
        </Group>
        {dryRun.problems.map((p) => (
          <Alert key={p.key} color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {sentenceText(p)}
          </Alert>
        ))}
        {dryRun.warnings.map((w) => (
          <Alert key={w.key} color="yellow" icon={<IconInfoCircle aria-hidden />}>
            {sentenceText(w)}
          </Alert>
        ))}
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
          {rosterColumnIds.map((column) => (
            <Select
              key={column}
              label={columnLabel(column)}
              data={options}
              value={mapping[column] == null ? notInFile : String(mapping[column])}
              onChange={(v) => choose(column, v)}
              allowDeselect={false}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button variant="light" disabled={sameMapping(mapping, dryRun.mapping)} loading={busy} onClick={() => onRemap(mapping)}>
            {t('roster.mapping.again')}
          </Button>
        </Group>
        <ScrollArea type="auto">
          <Table withTableBorder striped aria-label={t('roster.mapping.firstRows')} fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roster.tables.line')}</Table.Th>
                {dryRun.headers.map((h, i) => (
                  <Table.Th key={i}>
                    <Stack gap={2}>
                      <span>{h}</span>
                      {fieldOf.has(i) && (
                        <Badge size="xs" variant="light">
                          {columnLabel(fieldOf.get(i)!)}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dryRun.preview.map((row) => (
                <Table.Tr key={row.line}>
                  <Table.Td>{row.line}</Table.Td>
                  {row.cells.map((cell, i) => (
                    <Table.Td key={i}>{cell}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Stack>
    </Card>
  );
}
