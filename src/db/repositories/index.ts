import type { Db } from '../open';
import { AccessKeyRepository } from './accessKeys';
import { AlertRepository } from './alerts';
import { AuditRepository } from './audit';
import { BackupRepository } from './backups';
import { BackupFiles } from '../backupFile';
import { DeviceAssignmentRepository } from './deviceAssignments';
import { OutboxRepository } from './outbox';
import { RecipientRepository } from './recipients';
import { RosterRunRepository } from './rosterRuns';
import { SettingsRepository } from './settings';
import { StaffRepository } from './staff';

/** Every repository over one database, built once in the core and handed to the services that use them. */
export function createRepositories(db: Db) {
  return {
    accessKeys: new AccessKeyRepository(db),
    alerts: new AlertRepository(db),
    audit: new AuditRepository(db),
    backups: new BackupRepository(db),
    backupFiles: new BackupFiles(db),
    deviceAssignments: new DeviceAssignmentRepository(db),
    outbox: new OutboxRepository(db),
    recipients: new RecipientRepository(db),
    rosterRuns: new RosterRunRepository(db),
    settings: new SettingsRepository(db),
    staff: new StaffRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
