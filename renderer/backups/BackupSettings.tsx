import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, type BackupStatus } from '../../src/contract';
import { formatTime, sentenceText, useTranslation } from '../i18n';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { NewPasswordInput } from '../components/form/NewPasswordInput';
import { SaveRow } from '../components/form/SaveRow';
import { NumberSetting, settingBinder, TextSetting, TimeSetting } from '../components/form/SettingFields';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { describeRun } from './describe';
import { useBackups, type Backups } from './useBackups';

// The setting each field stores, to show the ones fixed by an environment variable as read-only.
const settingOf = { folder: 'backupFolder', timeOfDay: 'backupTime', keep: 'backupKeep' } as const;

/** Settings → Backups: where and when the nightly backup goes, the passphrase that seals it, and how the last ones went. */
export function BackupSettings() {
  const { t } = useTranslation();
  const { status, ...changes } = useBackups();
  return (
    <Card withBorder component="section" aria-labelledby="backups-heading">
      <Stack>
        <Title order={3} id="backups-heading">
          {t('backups.title')}
        </Title>
        <Text size="sm">{t('backups.intro')}</Text>
        <ErrorAlert error={status.error} title={t('backups.loadFailed')} />
        {status.data && <BackupForms status={status.data} {...changes} />}
      </Stack>
    </Card>
  );
}

function BackupForms({ status, configure, savePassphrase, runNow }: Omit<Backups, 'status'> & { status: BackupStatus }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['backups.configure'].input,
    initialValues: { folder: status.folder ?? '', timeOfDay: status.timeOfDay, keep: status.keep },
    toInput: (values) => values,
    onSubmit: async (input) => {
      setSaved(false);
      await configure(input);
      setSaved(true);
    },
  });
  const bind = settingBinder(form, status.lockedByEnvironment, settingOf);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passphraseSaved, setPassphraseSaved] = useState(false);
  const storing = useAction(savePassphrase);
  const running = useAction(runNow);

  async function submitPassphrase(event: FormEvent) {
    event.preventDefault();
    setPassphraseSaved(false);
    if (passphrase !== repeat) return;
    if (await storing.run(passphrase)) {
      setPassphrase('');
      setRepeat('');
      setPassphraseSaved(true);
    }
  }

  return (
    <>
      {status.warning && (
        <Alert color="orange" title={t('backups.attention')}>
          {sentenceText(status.warning)}
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label={t('backups.whereWhen')}>
        <Stack>
          <TextSetting
            label={t('backups.folder')}
            placeholder={t('backups.folderPlaceholder')}
            {...bind('folder', t('backups.folderHint'))}
          />
          <Group align="flex-start">
            <TimeSetting label={t('backups.time')} {...bind('timeOfDay')} />
            <NumberSetting label={t('backups.keep')} min={1} max={365} {...bind('keep', t('backups.keepHint'))} w={200} />
          </Group>
          <ErrorAlert error={formError} />
          <SaveRow
            busy={busy}
            label={t('backups.save')}
            saved={saved}
            savedLabel={t('backups.saved')}
            nextRunAt={status.nextRunAt}
            nextLabel={(at) => t('backups.nextRun', { at })}
          />
        </Stack>
      </form>

      <form onSubmit={submitPassphrase} noValidate aria-label={t('backups.passphraseForm')}>
        <Stack>
          <Text fw={600}>
            {!status.passphraseSet
              ? t('backups.passphraseNotSet')
              : status.passphraseSetAt
                ? t('backups.passphraseSetAt', { at: formatTime(status.passphraseSetAt) })
                : t('backups.passphraseSet')}
          </Text>
          {status.passphraseSet && (
            <Text size="sm" c="dimmed">
              {t('backups.passphraseChangeNote')}
            </Text>
          )}
          <Group align="flex-start">
            <NewPasswordInput
              label={t(status.passphraseSet ? 'backups.newPassphrase' : 'backups.passphrase')}
              description={t('backups.passphraseHint')}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              w={300}
            />
            <NewPasswordInput
              label={t('backups.repeat')}
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={repeat && passphrase !== repeat ? t('backups.mismatch') : undefined}
              w={300}
            />
          </Group>
          <ErrorAlert error={storing.error} />
          <Group>
            <Button type="submit" variant="default" loading={storing.busy} disabled={!passphrase || passphrase !== repeat}>
              {t(status.passphraseSet ? 'backups.change' : 'backups.set')}
            </Button>
            {passphraseSaved && (
              <Text c="green" role="status">
                {t('backups.passphraseSaved')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>

      <Group>
        <Button onClick={() => void running.run()} loading={running.busy} disabled={!status.folder || !status.passphraseSet}>
          {t('backups.runNow')}
        </Button>
        {status.lastSuccessAt && (
          <Text size="sm" c="dimmed">
            {t('backups.lastSuccess', { at: formatTime(status.lastSuccessAt) })}
          </Text>
        )}
      </Group>
      <ErrorAlert error={running.error} title={t('backups.runFailed')} />
      {status.runs.length > 0 && (
        <Table aria-label={t('backups.recent')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backups.when')}</Table.Th>
              <Table.Th>{t('backups.how')}</Table.Th>
              <Table.Th>{t('backups.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.runs.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatTime(r.at)}</Table.Td>
                <Table.Td>{t(`backups.trigger.${r.trigger}`)}</Table.Td>
                <Table.Td>{describeRun(r)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
