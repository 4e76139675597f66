import { Button, Card, FileInput, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { RosterPreset, RosterStatus } from '../../src/contract';

interface Props {
  presets: RosterStatus['presets'];
  defaultPreset: RosterPreset;
  busy: boolean;
  onPreview: (file: File, preset: RosterPreset) => void;
}

/** Step 1: the export file and the system it comes from. */
export function ChooseFile({ presets, defaultPreset, busy, onPreview }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [preset, setPreset] = useState<RosterPreset>(defaultPreset);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setMissing(true);
    onPreview(file, preset);
  };

  return (
    <Card withBorder component="section" aria-labelledby="import-file-heading">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} id="import-file-heading">
            Import a file
          </Title>
          <Text size="sm" c="dimmed">
            Export the resident list from your property-management system as CSV or Excel (.xlsx). Packroom shows every change before
            anything is saved.
          </Text>
          <Group align="flex-start">
            <FileInput
              label="Export file"
              placeholder="Choose a .csv or .xlsx file"
              accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
              value={file}
              onChange={(f) => {
                setFile(f);
                setMissing(false);
              }}
              error={missing ? 'Choose the export file first.' : undefined}
              clearable
              w={360}
            />
            <Select
              label="Exported from"
              data={presets.map((p) => ({ value: p.id, label: p.label }))}
              value={preset}
              onChange={(v) => v && setPreset(v as RosterPreset)}
              allowDeselect={false}
              w={260}
            />
          </Group>
          <Group>
            <Button type="submit" loading={busy}>
              Preview import
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
