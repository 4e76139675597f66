import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import type { BackupStatus } from '../../src/contract';
import { formatTime, sentenceText, useTranslation } from '../i18n';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { NewPasswordInput } from '../components/form/NewPasswordInput';
import { splitError } from '../components/formErrors';
import { describeRun } from './describe';

// The setting each field stores, to show the ones fixed by an environment variable as read-only.
const settingOf = { folder: 'backupFolder', timeOfDay: 'backupTime', keep: 'backupKeep' } as const;

/** Settings → Backups: where and when the nightly backup goes, the passphrase that seals it, and how the last ones went. */
export function BackupSettings() {
  const { t } = useTranslation();
  const status = useQuery(() => invoke('backups.status', {}), []);
  return (
    <Card withBorder component="section" aria-labelledby="backups-heading">
      <Stack>
        <Title order={3} id="backups-heading">
          {t('backups.title')}
        </Title>
        <Text size="sm">{t('backups.intro')}</Text>
        <ErrorAlert error={status.error} title={t('backups.loadFailed')} />
        {status.data && <BackupForms status={status.data} onChanged={status.reload} />}
      </Stack>
    </Card>
  );
}

function BackupForms({ status, onChanged }: { status: BackupStatus; onChanged: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ folder: status.folder ?? '', timeOfDay: status.timeOfDay, keep: status.keep });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passphraseSaved, setPassphraseSaved] = useState(false);
  const savePassphrase = useAction((p: string) => invoke('backups.setPassphrase', { passphrase: p }));
  const runNow = useAction(() => invoke('backups.run', {}));
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
      await invoke('backups.configure', values);
      setErrors({});
      setFormError(null);
      setSaved(true);
      onChanged();
    } catch (error) {
      const split = splitError(error, Object.keys(settingOf));
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  async function submitPassphrase(event: FormEvent) {
    event.preventDefault();
    setPassphraseSaved(false);
    if (passphrase !== repeat) return;
    if (await savePassphrase.run(passphrase)) {
      setPassphrase('');
      setRepeat('');
      setPassphraseSaved(true);
      onChanged();
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
          <TextInput
            label={t('backups.folder')}
            placeholder={t('backups.folderPlaceholder')}
            value={values.folder}
            onChange={(e) => setValues((v) => ({ ...v, folder: e.currentTarget.value }))}
            {...field('folder', t('backups.folderHint'))}
          />
          <Group align="flex-start">
            <TimeInput
              label={t('backups.time')}
              value={values.timeOfDay}
              onChange={(e) => setValues((v) => ({ ...v, timeOfDay: e.currentTarget.value }))}
              {...field('timeOfDay')}
              w={160}
            />
            <NumberInput
              label={t('backups.keep')}
              min={1}
              max={365}
              allowDecimal={false}
              value={values.keep}
              onChange={(v) => setValues((s) => ({ ...s, keep: Number(v) }))}
              {...field('keep', t('backups.keepHint'))}
              w={200}
            />
          </Group>
          <ErrorAlert error={formError} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('backups.save')}
            </Button>
            {saved && (
              <Text c="green" role="status">
                {t('backups.saved')}
              </Text>
            )}
            {status.nextRunAt && (
              <Text size="sm" c="dimmed">
                {t('backups.nextRun', { at: formatTime(status.nextRunAt) })}
              </Text>
            )}
          </Group>
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
          <ErrorAlert error={savePassphrase.error} />
          <Group>
            <Button type="submit" variant="default" loading={savePassphrase.busy} disabled={!passphrase || passphrase !== repeat}>
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
        <Button
          onClick={() => void runNow.run().then((run) => run && onChanged())}
          loading={runNow.busy}
          disabled={!status.folder || !status.passphraseSet}
        >
          {t('backups.runNow')}
        </Button>
        {status.lastSuccessAt && (
          <Text size="sm" c="dimmed">
            {t('backups.lastSuccess', { at: formatTime(status.lastSuccessAt) })}
          </Text>
        )}
      </Group>
      <ErrorAlert error={runNow.error} title={t('backups.runFailed')} />
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
