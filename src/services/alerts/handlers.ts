import type { alertMethods } from '../../contract/alerts';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The alerts slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function alertHandlers({ alerts }: Pick<CoreServices, 'alerts'>): Handlers<typeof alertMethods> {
  return {
    'alerts.list': () => alerts.list(),
    'alerts.acknowledge': (input, { actor }) => {
      alerts.acknowledge(actor, input.id);
      return null;
    },
  };
}
