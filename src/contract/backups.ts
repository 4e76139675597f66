import { z } from 'zod';
import { empty } from './common';
import { method, type MethodDef } from './define';
import { says, type Message } from './messages';
import { settingsUpdateInput } from './settings';

/** Encrypted backups: where and when they are written, the passphrase, and the header's warning. */
export const backupConfigureInput = z.object({
  folder: settingsUpdateInput.shape.backupFolder.unwrap(),
  timeOfDay: settingsUpdateInput.shape.backupTime.unwrap(),
  keep: settingsUpdateInput.shape.backupKeep.unwrap(),
});

export const backupPassphrase = z
  .string({ error: says('validation.backupPassphrase') })
  .min(12, says('validation.backupPassphraseTooShort', { min: 12 }))
  .max(200, says('validation.backupPassphraseTooLong', { max: 200 }));

export const backupPassphraseInput = z.object({ passphrase: backupPassphrase });

export interface BackupRun {
  id: number;
  at: string;
  trigger: 'schedule' | 'staff' | 'cli';
  outcome: 'ok' | 'failed';
  file: string | null;
  bytes: number | null;
  /** Why it failed; null when it worked. */
  message: Message | null;
}

export interface BackupStatus {
  folder: string | null;
  timeOfDay: string;
  keep: number;
  passphraseSet: boolean;
  passphraseSetAt: string | null;
  nextRunAt: string | null;
  lastSuccessAt: string | null;
  /** What the header warns about; null when backups are fine. */
  warning: Message | null;
  runs: BackupRun[];
  lockedByEnvironment: string[];
}

export interface BackupHealth {
  warning: Message | null;
}

export const backupMethods = {
  // Backups: configured by admins; every signed-in screen shows the warning.
  'backups.status': method<BackupStatus>()({ input: empty, access: 'admin' }),
  'backups.configure': method<BackupStatus>()({ input: backupConfigureInput, access: 'admin' }),
  'backups.setPassphrase': method<BackupStatus>()({ input: backupPassphraseInput, access: 'admin' }),
  'backups.run': method<BackupRun>()({ input: empty, access: 'admin' }),
  'backups.health': method<BackupHealth>()({ input: empty, access: 'staff' }),
} satisfies Record<string, MethodDef>;
