import { Alert, Button, Card, Group, NumberInput, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import type { BackupStatus } from '../../src/contract';
import { formatTime } from '../i18n';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';

// The setting each field stores, to show the ones fixed by an environment variable as read-only.
const settingOf = { folder: 'backupFolder', timeOfDay: 'backupTime', keep: 'backupKeep' } as const;

const megabytes = (bytes: number | null) => (bytes === null ? '' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Settings → Backups: where and when the nightly backup goes, the passphrase that seals it, and how the last ones went. */
export function BackupSettings() {
  const status = useQuery(() => invoke('backups.status', {}), []);
  return (
    <Card withBorder component="section" aria-labelledby="backups-heading">
      <Stack>
        <Title order={3} id="backups-heading">
          Backups
        </Title>
        <Text size="sm">
          Each night Packroom writes one checked backup file (recipients, PINs, staff, settings and the audit trail) to a folder on a USB
          stick or a network share, sealed with the backup passphrase. Keep the passphrase on paper, away from this computer: without it a
          backup cannot be restored, and Packroom does not keep it.
        </Text>
        <ErrorAlert error={status.error} title="Could not load the backup settings" />
        {status.data && <BackupForms status={status.data} onChanged={status.reload} />}
      </Stack>
    </Card>
  );
}

function BackupForms({ status, onChanged }: { status: BackupStatus; onChanged: () => void }) {
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
      ? { disabled: true, description: 'Set by an environment variable on this computer', error: errors[key] }
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
        <Alert color="orange" title="Backups need attention">
          {status.warning}
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label="Where and when to back up">
        <Stack>
          <TextInput
            label="Backup folder"
            placeholder="e.g. E:\Packroom backups"
            value={values.folder}
            onChange={(e) => setValues((v) => ({ ...v, folder: e.currentTarget.value }))}
            {...field('folder', 'A USB stick or a network share; not this computer’s own disk, which is what a backup protects against.')}
          />
          <Group align="flex-start">
            <TimeInput
              label="Time of day"
              value={values.timeOfDay}
              onChange={(e) => setValues((v) => ({ ...v, timeOfDay: e.currentTarget.value }))}
              {...field('timeOfDay')}
              w={160}
            />
            <NumberInput
              label="Backups to keep"
              min={1}
              max={365}
              allowDecimal={false}
              value={values.keep}
              onChange={(v) => setValues((s) => ({ ...s, keep: Number(v) }))}
              {...field('keep', 'Older backup files are deleted.')}
              w={200}
            />
          </Group>
          <ErrorAlert error={formError} />
          <Group>
            <Button type="submit" loading={busy}>
              Save backup settings
            </Button>
            {saved && (
              <Text c="green" role="status">
                Saved.
              </Text>
            )}
            {status.nextRunAt && (
              <Text size="sm" c="dimmed">
                Next backup: {new Date(status.nextRunAt).toLocaleString()}
              </Text>
            )}
          </Group>
        </Stack>
      </form>

      <form onSubmit={submitPassphrase} noValidate aria-label="Passphrase that seals the backups">
        <Stack>
          <Text fw={600}>
            {status.passphraseSet
              ? `Backup passphrase: set ${status.passphraseSetAt ? formatTime(status.passphraseSetAt) : ''}`
              : 'Backup passphrase: not set'}
          </Text>
          {status.passphraseSet && (
            <Text size="sm" c="dimmed">
              A new passphrase seals the backups from now on; backups made before still need the passphrase they were made with.
            </Text>
          )}
          <Group align="flex-start">
            <PasswordInput
              label={status.passphraseSet ? 'New backup passphrase' : 'Backup passphrase'}
              description="At least 12 characters; a few unrelated words work well."
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              autoComplete="new-password"
              w={300}
            />
            <PasswordInput
              label="Type it again"
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={repeat && passphrase !== repeat ? 'The two passphrases are not the same.' : undefined}
              autoComplete="new-password"
              w={300}
            />
          </Group>
          <ErrorAlert error={savePassphrase.error} />
          <Group>
            <Button type="submit" variant="default" loading={savePassphrase.busy} disabled={!passphrase || passphrase !== repeat}>
              {status.passphraseSet ? 'Change backup passphrase' : 'Set backup passphrase'}
            </Button>
            {passphraseSaved && (
              <Text c="green" role="status">
                Passphrase set. Write it down now.
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
          Back up now
        </Button>
        {status.lastSuccessAt && (
          <Text size="sm" c="dimmed">
            Last good backup: {formatTime(status.lastSuccessAt)}
          </Text>
        )}
      </Group>
      <ErrorAlert error={runNow.error} title="The backup did not start" />
      {status.runs.length > 0 && (
        <Table aria-label="Recent backups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>How</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.runs.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatTime(r.at)}</Table.Td>
                <Table.Td>{r.trigger === 'schedule' ? 'Nightly' : r.trigger === 'cli' ? 'Command line' : 'Back up now'}</Table.Td>
                <Table.Td>{r.outcome === 'ok' ? `${r.file ?? ''} (${megabytes(r.bytes)})` : `Failed: ${r.message ?? ''}`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
