import { Card, Group, Select, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { api, type MethodInput, type RosterPreset, type RosterStatus } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { SaveRow } from '../components/form/SaveRow';
import { lockableField, settingBinder, SwitchSetting, TextSetting, TimeSetting } from '../components/form/SettingFields';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { presetOptions } from './labels';

// The setting each field stores, to show the ones fixed by an environment variable as read-only.
const settingOf = { enabled: 'importScheduleEnabled', folder: 'importFolder', timeOfDay: 'importTime', preset: 'importPreset' } as const;

/** The daily import: which folder, when, from which system. */
export function ScheduleCard({
  status,
  onSave,
}: {
  status: RosterStatus;
  onSave: (input: MethodInput<'roster.configure'>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['roster.configure'].input,
    initialValues: {
      enabled: status.schedule.enabled,
      folder: status.schedule.folder ?? '',
      timeOfDay: status.schedule.timeOfDay,
      preset: status.schedule.preset as RosterPreset,
    },
    toInput: (values) => values,
    onSubmit: async (input) => {
      setSaved(false);
      await onSave(input);
      setSaved(true);
    },
  });
  const bind = settingBinder(form, status.lockedByEnvironment, settingOf);

  return (
    <Card withBorder component="section" aria-labelledby="import-schedule-heading">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} id="import-schedule-heading">
            {t('roster.schedule.title')}
          </Title>
          <SwitchSetting label={t('roster.schedule.enabled')} {...bind('enabled', t('roster.schedule.enabledHint'))} />
          <TextSetting
            label={t('roster.schedule.folder')}
            placeholder={t('roster.schedule.folderPlaceholder')}
            {...bind('folder', t('roster.schedule.folderHint'))}
          />
          <Group align="flex-start">
            <TimeSetting label={t('roster.schedule.time')} {...bind('timeOfDay')} />
            <Select
              label={t('roster.choose.exportedFrom')}
              data={presetOptions(status.presets)}
              {...form.getInputProps('preset')}
              allowDeselect={false}
              {...lockableField(status.lockedByEnvironment, settingOf.preset, form.errors.preset)}
              w={260}
            />
          </Group>
          <ErrorAlert error={formError} />
          <SaveRow
            busy={busy}
            label={t('roster.schedule.save')}
            saved={saved}
            savedLabel={t('roster.schedule.saved')}
            nextRunAt={status.schedule.nextRunAt}
            nextLabel={(at) => t('roster.schedule.next', { at })}
          />
        </Stack>
      </form>
    </Card>
  );
}
