import { useEffect } from 'react';
import type { MethodInput } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

/**
 * Settings → Backups: the status (where, when, the passphrase, the last runs), read again after each change and
 * whenever the alerts change, since a backup that fails or falls behind raises one.
 */
export function useBackups() {
  const status = useQuery(() => invoke('backups.status', {}), []);
  const { reload } = status;
  useEffect(() => on('alerts.changed', reload), [reload]);
  /** Makes a change, then reads the status again, which the change may have moved (the next run, the warning). */
  const thenReload =
    <A extends unknown[], R>(change: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await change(...args);
      reload();
      return result;
    };
  return {
    status,
    configure: thenReload((input: MethodInput<'backups.configure'>) => invoke('backups.configure', input)),
    savePassphrase: thenReload((passphrase: string) => invoke('backups.setPassphrase', { passphrase })),
    runNow: thenReload(() => invoke('backups.run', {})),
  };
}

export type Backups = ReturnType<typeof useBackups>;
