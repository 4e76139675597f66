import { Button, Card, Group, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import type { RosterPreset, RosterStatus } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { formatTime, useTranslation } from '../i18n';
import { presetOptions } from './labels';

// The setting each field stores, to show the ones fixed by an environment variable as read-only.
const settingOf = { enabled: 'importScheduleEnabled', folder: 'importFolder', timeOfDay: 'importTime', preset: 'importPreset' } as const;

/** The daily import: which folder, when, from which system. */
export function ScheduleCard({ status, onSaved }: { status: RosterStatus; onSaved: (status: RosterStatus) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ ...status.schedule, folder: status.schedule.folder ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const locked = new Set(status.lockedByEnvironment);
  const field = (key: keyof typeof settingOf, description?: string) =>
    locked.has(settingOf[key])
      ? { disabled: true, description: t('settings.pinnedByEnvironment'), error: errors[key] }
      : { description, error: errors[key] };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const next = await invoke('roster.configure', {
        enabled: values.enabled,
        folder: values.folder,
        timeOfDay: values.timeOfDay,
        preset: values.preset,
      });
      setErrors({});
      setFormError(null);
      setSaved(true);
      onSaved(next);
    } catch (error) {
      const split = splitError(error, Object.keys(settingOf));
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="import-schedule-heading">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} id="import-schedule-heading">
            {t('roster.schedule.title')}
          </Title>
          <Switch
            label={t('roster.schedule.enabled')}
            checked={values.enabled}
            onChange={(e) => setValues((v) => ({ ...v, enabled: e.currentTarget.checked }))}
            {...field('enabled', t('roster.schedule.enabledHint'))}
          />
          <TextInput
            label={t('roster.schedule.folder')}
            placeholder={t('roster.schedule.folderPlaceholder')}
            value={values.folder}
            onChange={(e) => setValues((v) => ({ ...v, folder: e.currentTarget.value }))}
            {...field('folder', t('roster.schedule.folderHint'))}
          />
          <Group align="flex-start">
            <TimeInput
              label={t('roster.schedule.time')}
              value={values.timeOfDay}
              onChange={(e) => setValues((v) => ({ ...v, timeOfDay: e.currentTarget.value }))}
              {...field('timeOfDay')}
              w={160}
            />
            <Select
              label={t('roster.choose.exportedFrom')}
              data={presetOptions(status.presets)}
              value={values.preset}
              onChange={(p) => p && setValues((v) => ({ ...v, preset: p as RosterPreset }))}
              allowDeselect={false}
              {...field('preset')}
              w={260}
            />
          </Group>
          <ErrorAlert error={formError} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('roster.schedule.save')}
            </Button>
            {saved && (
              <Text c="green" role="status">
                {t('roster.schedule.saved')}
              </Text>
            )}
            {status.schedule.nextRunAt && (
              <Text size="sm" c="dimmed">
                {t('roster.schedule.next', { at: formatTime(status.schedule.nextRunAt) })}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
