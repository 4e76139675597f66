import type { backupMethods } from '../../contract/backups';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The backups slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function backupHandlers({
  backups,
  backupSchedule,
}: Pick<CoreServices, 'backups' | 'backupSchedule'>): Handlers<typeof backupMethods> {
  return {
    'backups.status': () => backupSchedule.status(),
    'backups.configure': (input, { actor }) => backupSchedule.configure(actor, input),
    'backups.setPassphrase': async (input, { actor }) => {
      await backups.setPassphrase(actor, input.passphrase);
      return backupSchedule.status();
    },
    'backups.run': (_input, { actor }) => backups.run('staff', actor),
    'backups.health': () => backups.health(),
  };
}
