import { useEffect, useRef, useState } from 'react';
import type { BackupHealth } from '../../src/contract';
import { invoke, on } from '../api/client';

const recheckMs = 5 * 60_000;

/**
 * What the header's backup badge warns about. The core tells every change it makes (a backup ran, backups were set
 * up, the folder went or came back) with backups.health; only "no backup for 48 hours", which is time passing, is
 * read again now and then.
 */
export function useBackupHealth(): BackupHealth | undefined {
  const [health, setHealth] = useState<BackupHealth>();
  // An answer to a request sent before the latest event is older than that event: it must not undo it.
  const told = useRef(0);
  useEffect(() => {
    const read = () => {
      const asked = told.current;
      invoke('backups.health', {}).then(
        (answer) => told.current === asked && setHealth(answer),
        () => undefined,
      );
    };
    read();
    const timer = setInterval(read, recheckMs);
    const off = on('backups.health', (pushed) => {
      told.current++;
      setHealth(pushed);
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, []);
  return health;
}
