import { message } from '../../contract';
import type { doorMethods } from '../../contract/door';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The door slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function doorHandlers({ door }: Pick<CoreServices, 'door'>): Handlers<typeof doorMethods> {
  return {
    'door.status': () => door.status(),
    'door.open': (input, { actor }) => {
      door.openByStaff(actor, message('text', { text: input.reason }), input.recipientId ?? null);
      return null;
    },
    'door.resetLockout': (input, { actor }) => {
      door.resetLockout(actor, input.reason);
      return null;
    },
  };
}
