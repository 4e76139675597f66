import { carrierCodeEntity } from './carrierCode';
import { packageEntity } from './package';
import { packageClaimEntity } from './packageClaim';
import { recipientEntity } from './recipient';
import type { SharedEntity } from './types';

/**
 * Every kind of record the nodes of a site share, by its name on the wire. Adding one: a migration with its
 * capture triggers, its pure rule in src/domain/sync/, its file here, one line below (docs/architecture.md,
 * "Adding a shared kind of record").
 */
export const sharedEntities: ReadonlyMap<string, SharedEntity> = new Map(
  ([recipientEntity, packageEntity, packageClaimEntity, carrierCodeEntity] as SharedEntity[]).map((entity) => [entity.name, entity]),
);
