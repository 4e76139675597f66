import type { activityMethods } from '../../contract/activity';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The activity slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function activityHandlers({ audit }: Pick<CoreServices, 'audit'>): Handlers<typeof activityMethods> {
  return {
    'activity.list': (input) => audit.list(input),
    'activity.staff': () => audit.staff(),
    'activity.export': (input, { actor }) => audit.export(actor, input),
  };
}
