import { Button, Card, FileInput, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { RosterPreset, RosterStatus } from '../../src/contract';
import { useTranslation } from '../i18n';
import { presetOptions } from './labels';

interface Props {
  presets: RosterStatus['presets'];
  defaultPreset: RosterPreset;
  busy: boolean;
  onPreview: (file: File, preset: RosterPreset) => void;
}

/** Step 1: the export file and the system it comes from. */
export function ChooseFile({ presets, defaultPreset, busy, onPreview }: Props) {
  const { t } = useTranslation();
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
            {t('roster.choose.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('roster.choose.intro')}
          </Text>
          <Group align="flex-start">
            <FileInput
              label={t('roster.choose.file')}
              placeholder={t('roster.choose.filePlaceholder')}
              accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
              value={file}
              onChange={(f) => {
                setFile(f);
                setMissing(false);
              }}
              error={missing ? t('roster.choose.fileMissing') : undefined}
              clearable
              w={360}
            />
            <Select
              label={t('roster.choose.exportedFrom')}
              data={presetOptions(presets)}
              value={preset}
              onChange={(v) => v && setPreset(v as RosterPreset)}
              allowDeselect={false}
              w={260}
            />
          </Group>
          <Group>
            <Button type="submit" loading={busy}>
              {t('roster.choose.preview')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
