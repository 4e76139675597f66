import type { siteMethods } from '../contract/site';
import type { CoreServices } from '../core';
import type { Handlers } from './dispatch';
import { accessHandlers } from './credentials/handlers';
import { activityHandlers } from './audit/handlers';
import { alertHandlers } from './alerts/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backups/handlers';
import { carrierHandlers } from './carriers/handlers';
import { deviceHandlers } from './devices/handlers';
import { doorHandlers } from './door/handlers';
import { labelHandlers } from './labels/handlers';
import { holdHandlers } from './holds/handlers';
import { packageHandlers } from './packages/handlers';
import { proxyHandlers } from './proxies/handlers';
import { recipientHandlers } from './recipients/handlers';
import { rosterHandlers } from './roster/handlers';
import { settingsHandlers } from './settings/handlers';
import { shelfLabelHandlers } from './shelfLabels/handlers';
import { siteJoinHandlers } from './site/handlers';
import { systemHandlers } from './system/handlers';

/**
 * Every method's handler, from the slices each service folder keeps beside its service. The result is typed against
 * the whole contract, so a method without a handler fails to compile; each slice is typed against its own methods,
 * so it cannot handle another slice's (and index.ts refuses a method two slices declare). The site slice comes ready
 * made (src/sync/handlers.ts, which this layer may not import).
 */
export function createHandlers(services: CoreServices, site: Handlers<typeof siteMethods>): Handlers {
  return {
    ...authHandlers(services),
    ...recipientHandlers(services),
    ...settingsHandlers(services),
    ...activityHandlers(services),
    ...accessHandlers(services),
    ...carrierHandlers(services),
    ...doorHandlers(services),
    ...alertHandlers(services),
    ...deviceHandlers(services),
    ...rosterHandlers(services),
    ...systemHandlers(services),
    ...packageHandlers(services),
    ...proxyHandlers(services),
    ...holdHandlers(services),
    ...backupHandlers(services),
    ...siteJoinHandlers(services),
    ...labelHandlers(services),
    ...attachmentHandlers(services),
    ...shelfLabelHandlers(services),
    ...site,
  };
}
