import type { Db } from '../open';
import { AccessKeyRepository } from './accessKeys';
import { AlertRepository } from './alerts';
import { AuditRepository } from './audit';
import { DeviceAssignmentRepository } from './deviceAssignments';
import { OutboxRepository } from './outbox';
import { RecipientRepository } from './recipients';
import { RosterApplyRepository } from './rosterApply';
import { RosterMappingRepository } from './rosterMappings';
import { RosterRunRepository } from './rosterRuns';
import { SettingsRepository } from './settings';
import { StaffRepository } from './staff';

/** Every repository over one database, built once in the core and handed to the services that use them. */
export function createRepositories(db: Db) {
  return {
    accessKeys: new AccessKeyRepository(db),
    alerts: new AlertRepository(db),
    audit: new AuditRepository(db),
    deviceAssignments: new DeviceAssignmentRepository(db),
    outbox: new OutboxRepository(db),
    recipients: new RecipientRepository(db),
    rosterApply: new RosterApplyRepository(db),
    rosterMappings: new RosterMappingRepository(db),
    rosterRuns: new RosterRunRepository(db),
    settings: new SettingsRepository(db),
    staff: new StaffRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
