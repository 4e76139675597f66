import { recipientEntity } from './recipient';
import type { SharedEntity } from './types';

/**
 * Every kind of record the nodes of a site share, by its name on the wire. Adding one: a migration with its
 * capture triggers, its pure rule in src/domain/sync/, its file here, one line below (docs/architecture.md,
 * "Adding a shared kind of record").
 */
export const sharedEntities: ReadonlyMap<string, SharedEntity> = new Map(
  ([recipientEntity] as SharedEntity[]).map((entity) => [entity.name, entity]),
);
