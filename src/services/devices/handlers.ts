import type { deviceMethods } from '../../contract/devices';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The devices slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function deviceHandlers({ devices }: Pick<CoreServices, 'devices'>): Handlers<typeof deviceMethods> {
  return {
    'devices.list': () => devices.overview(),
    'devices.assign': (input, { actor }) => devices.assign(actor, input.role, input.selector, input.channel),
    'devices.unassign': (input, { actor }) => devices.unassign(actor, input.role),
    'devices.identify': (input, call) => devices.identify(input.seconds, call.ctx.sessionToken),
    'devices.testRelay': (_input, { actor }) => {
      devices.testRelay(actor);
      return null;
    },
  };
}
