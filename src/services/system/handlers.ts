import type { systemMethods } from '../../contract/system';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The system slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function systemHandlers({ system }: Pick<CoreServices, 'system'>): Handlers<typeof systemMethods> {
  return {
    'system.info': () => system.info(),
    'system.openLogFolder': () => system.openLogFolder(),
    'system.setStartAtLogin': (input, { actor }) => system.setStartAtLogin(actor, input.enabled),
  };
}
