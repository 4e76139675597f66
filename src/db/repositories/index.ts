import type { Db } from '../open';
import { AccessKeyRepository } from './accessKeys';
import { AlertRepository } from './alerts';
import { AttachmentRepository } from './attachments';
import { AuditRepository } from './audit';
import { CarrierCodeRepository } from './carrierCodes';
import { BackupRepository } from './backups';
import { BackupFiles } from '../backupFile';
import { DeviceAssignmentRepository } from './deviceAssignments';
import { KeyCheckRepository } from './keyCheck';
import { LabelRepository } from './labels';
import { DoorStateRepository } from './doorState';
import { HoldRepository } from './holds';
import { SyncHoldRepository } from './syncHolds';
import { LoginFailureRepository } from './loginFailures';
import { OutboxRepository } from './outbox';
import { PackageRepository } from './packages';
import { ProxyRepository } from './proxies';
import { RecipientRepository } from './recipients';
import { RosterApplyRepository } from './rosterApply';
import { RosterMappingRepository } from './rosterMappings';
import { RosterRunRepository } from './rosterRuns';
import { RunMarkerRepository } from './runMarker';
import { SettingsRepository } from './settings';
import { ShelfLabelRepository } from './shelfLabels';
import { StaffRepository } from './staff';
import { SyncRepository } from './sync';
import { SyncAccessRepository } from './syncAccess';
import { SyncPackageRepository } from './syncPackages';
import { SyncProxyRepository } from './syncProxies';
import { SyncSharedRepository } from './syncShared';
import { SyncRecipientRepository } from './syncRecipients';

/** Every repository over one database, built once in the core and handed to the services that use them. */
export function createRepositories(db: Db) {
  return {
    accessKeys: new AccessKeyRepository(db),
    alerts: new AlertRepository(db),
    attachments: new AttachmentRepository(db),
    audit: new AuditRepository(db),
    carrierCodes: new CarrierCodeRepository(db),
    backups: new BackupRepository(db),
    backupFiles: new BackupFiles(db),
    deviceAssignments: new DeviceAssignmentRepository(db),
    keyCheck: new KeyCheckRepository(db),
    labels: new LabelRepository(db),
    doorState: new DoorStateRepository(db),
    holds: new HoldRepository(db),
    syncHolds: new SyncHoldRepository(db),
    loginFailures: new LoginFailureRepository(db),
    outbox: new OutboxRepository(db),
    packages: new PackageRepository(db),
    proxies: new ProxyRepository(db),
    recipients: new RecipientRepository(db),
    rosterApply: new RosterApplyRepository(db),
    rosterMappings: new RosterMappingRepository(db),
    rosterRuns: new RosterRunRepository(db),
    runMarker: new RunMarkerRepository(db),
    settings: new SettingsRepository(db),
    shelfLabels: new ShelfLabelRepository(db),
    staff: new StaffRepository(db),
    sync: new SyncRepository(db),
    syncAccess: new SyncAccessRepository(db),
    syncPackages: new SyncPackageRepository(db),
    syncProxies: new SyncProxyRepository(db),
    syncShared: new SyncSharedRepository(db),
    syncRecipients: new SyncRecipientRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
