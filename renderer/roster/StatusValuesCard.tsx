import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { RosterStatusChoice, RosterUnknownValue } from '../../src/contract';
import { useTranslation } from '../i18n';
import { counted, statusChoiceOptions } from './labels';

interface Props {
  values: RosterUnknownValue[];
  busy: boolean;
  onMap: (statusValues: Record<string, RosterStatusChoice>) => void;
}

/** Status words Packroom does not know: mapped once here, remembered for this kind of file and the daily import. */
export function StatusValuesCard({ values, busy, onMap }: Props) {
  const { t } = useTranslation();
  const choiceOptions = statusChoiceOptions();
  const [chosen, setChosen] = useState<Record<string, RosterStatusChoice>>(() =>
    Object.fromEntries(values.flatMap((v) => (v.choice ? [[v.value, v.choice]] : []))),
  );
  const unmapped = values.filter((v) => !v.choice);
  const changed = values.some((v) => (chosen[v.value] ?? null) !== v.choice);
  return (
    <Card withBorder component="section" aria-labelledby="import-values-heading">
      <Stack>
        <Title order={3} id="import-values-heading">
          {t('roster.statusValues.title')}
        </Title>
        {unmapped.length > 0 ? (
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {t('roster.statusValues.unknown', { count: unmapped.length })}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            {t('roster.statusValues.remembered')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
          {values.map((v) => (
            <Select
              key={v.value}
              label={t('roster.statusValues.word', { value: v.value })}
              description={t('roster.statusValues.rows', { ...counted(v.rows), line: v.firstLine })}
              placeholder={t('roster.statusValues.placeholder')}
              data={choiceOptions}
              value={chosen[v.value] ?? null}
              onChange={(choice) => choice && setChosen((c) => ({ ...c, [v.value]: choice as RosterStatusChoice }))}
              allowDeselect={false}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button variant="light" disabled={!changed} loading={busy} onClick={() => onMap(chosen)}>
            {t('roster.statusValues.again')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
