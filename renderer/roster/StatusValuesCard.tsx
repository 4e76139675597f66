import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { RosterStatusChoice, RosterUnknownValue } from '../../src/contract';
import { statusChoiceLabels } from './labels';

interface Props {
  values: RosterUnknownValue[];
  busy: boolean;
  onMap: (statusValues: Record<string, RosterStatusChoice>) => void;
}

const choiceOptions = (Object.keys(statusChoiceLabels) as RosterStatusChoice[]).map((value) => ({
  value,
  label: statusChoiceLabels[value],
}));

/** Status words Packroom does not know: mapped once here, remembered for this kind of file and the daily import. */
export function StatusValuesCard({ values, busy, onMap }: Props) {
  const [chosen, setChosen] = useState<Record<string, RosterStatusChoice>>(() =>
    Object.fromEntries(values.flatMap((v) => (v.choice ? [[v.value, v.choice]] : []))),
  );
  const unmapped = values.filter((v) => !v.choice);
  const changed = values.some((v) => (chosen[v.value] ?? null) !== v.choice);
  return (
    <Card withBorder component="section" aria-labelledby="import-values-heading">
      <Stack>
        <Title order={3} id="import-values-heading">
          Status words in this file
        </Title>
        {unmapped.length > 0 ? (
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} role="alert">
            Packroom does not know {unmapped.length === 1 ? 'this status' : 'these statuses'}. Say what each one means; rows with a status
            left unchosen are not imported. Your choice is remembered for the next imports of this kind of file, daily ones included.
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            Chosen earlier and remembered for this kind of file. Change a choice here if it was wrong.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
          {values.map((v) => (
            <Select
              key={v.value}
              label={`“${v.value}”`}
              description={`${v.rows.toLocaleString()} row${v.rows === 1 ? '' : 's'}, first on line ${v.firstLine}`}
              placeholder="Choose what it means"
              data={choiceOptions}
              value={chosen[v.value] ?? null}
              onChange={(choice) => choice && setChosen((c) => ({ ...c, [v.value]: choice as RosterStatusChoice }))}
              allowDeselect={false}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button variant="light" disabled={!changed} loading={busy} onClick={() => onMap(chosen)}>
            Preview again with these meanings
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
