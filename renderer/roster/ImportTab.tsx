import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { RosterRun } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { ImportElsewhere } from '../site/ImportElsewhere';
import { useTranslation } from '../i18n';
import { useSettings } from '../settings/useSettings';
import { ApplyBar } from './ApplyBar';
import { ChooseFile } from './ChooseFile';
import { DiffView } from './DiffView';
import { ImportProgress } from './ImportProgress';
import { ImportRules } from './ImportRules';
import { counted, countPart } from './labels';
import { MappingCard } from './MappingCard';
import { RecentRuns } from './RecentRuns';
import { ScheduleCard } from './ScheduleCard';
import { StatusValuesCard } from './StatusValuesCard';
import { useImportFlow } from './useImportFlow';
import { useRosterSchedule } from './useRosterSchedule';

function Applied({ run, onAgain }: { run: RosterRun; onAgain: () => void }) {
  const { t } = useTranslation();
  const c = run.counts ?? {};
  const sentences = [
    `${[
      countPart('new', c.added ?? 0),
      countPart('changed', c.changed ?? 0),
      countPart('movedOut', c.movedOut ?? 0),
      countPart('reactivated', c.reactivated ?? 0),
    ].join(', ')}.`,
    ...(c.keptManual ? [t('roster.applied.keptManual', counted(c.keptManual))] : []),
    ...(c.editedMeanwhile ? [t('roster.applied.editedMeanwhile', counted(c.editedMeanwhile))] : []),
  ];
  return (
    <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={t('roster.applied.title')} role="status">
      <Stack gap="xs">
        <Text size="sm">{sentences.join(' ')}</Text>
        <Group>
          <Button variant="light" onClick={onAgain}>
            {t('roster.applied.again')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Admins bring residents in from the property-management system: by hand with a preview, or daily. */
export function ImportTab() {
  const { t } = useTranslation();
  const { status, configure } = useRosterSchedule();
  const settings = useSettings();
  const flow = useImportFlow(status.reload);
  const { step, busy } = flow;

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('roster.title')}</Title>
      <ErrorAlert error={status.error ?? settings.error} title={t('roster.loadFailed')} />
      <ErrorAlert error={flow.error} title={t('roster.failed')} />
      {status.data && <ImportElsewhere elsewhere={status.data.schedule.elsewhere} />}
      {status.data && settings.data && step.kind === 'choose' && (
        <ChooseFile
          presets={status.data.presets}
          defaultPreset={settings.data.importPreset}
          busy={busy}
          onPreview={(f, p) => void flow.start(f, p)}
        />
      )}
      {step.kind === 'choose' && busy && <ImportProgress progress={flow.progress} fallback={t('roster.progress.uploading')} />}
      {step.kind === 'preview' && (
        <>
          <MappingCard key={JSON.stringify(step.dryRun.mapping)} dryRun={step.dryRun} busy={busy} onRemap={(m) => void flow.remap(m)} />
          {step.dryRun.unknownValues.length > 0 && (
            <StatusValuesCard
              key={JSON.stringify(step.dryRun.unknownValues)}
              values={step.dryRun.unknownValues}
              busy={busy}
              onMap={(v) => void flow.setStatusValues(v)}
            />
          )}
          {step.dryRun.diff && (
            <DiffView diff={step.dryRun.diff} layout={step.dryRun.layout} busy={busy} onUnlink={(id) => void flow.unlink(id)} />
          )}
          {busy && <ImportProgress progress={flow.progress} fallback={t('roster.working')} />}
          {step.dryRun.diff ? (
            <ApplyBar
              diff={step.dryRun.diff}
              welcome={settings.data?.importWelcomeNotifications ?? false}
              busy={busy}
              onApply={(confirm) => void flow.apply(confirm)}
              onCancel={flow.cancel}
            />
          ) : (
            <Group>
              <Button variant="default" onClick={flow.cancel}>
                {t('common.cancel')}
              </Button>
            </Group>
          )}
        </>
      )}
      {step.kind === 'done' && <Applied run={step.run} onAgain={flow.cancel} />}
      {status.data && <ScheduleCard status={status.data} onSave={configure} />}
      {settings.data && <ImportRules initial={settings.data} onSaved={settings.reload} />}
      {status.data && <RecentRuns runs={status.data.runs} />}
    </Stack>
  );
}
