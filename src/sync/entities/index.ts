import { carrierCodeEntity } from './carrierCode';
import { credentialEntity } from './credential';
import { holdEntity } from './hold';
import { packageEntity } from './package';
import { packageClaimEntity } from './packageClaim';
import { proxyEntity } from './proxy';
import { alertEntity } from './alert';
import { attachmentEntity } from './attachment';
import { auditEntity } from './audit';
import { recipientEntity } from './recipient';
import { settingsEntity } from './settings';
import { singleAccessUseEntity } from './singleAccessUse';
import { staffEntity } from './staff';
import type { SharedEntity } from './types';

/**
 * Every kind of record the nodes of a site share, by its name on the wire. Adding one: a migration with its
 * capture triggers, its pure rule in src/domain/sync/, its file here, one line below (docs/architecture.md,
 * "Adding a shared kind of record").
 */
export const sharedEntities: ReadonlyMap<string, SharedEntity> = new Map(
  (
    [
      recipientEntity,
      proxyEntity,
      credentialEntity,
      singleAccessUseEntity,
      packageEntity,
      packageClaimEntity,
      carrierCodeEntity,
      staffEntity,
      settingsEntity,
      alertEntity,
      auditEntity,
      holdEntity,
      attachmentEntity,
    ] as SharedEntity[]
  ).map((entity) => [entity.name, entity]),
);
