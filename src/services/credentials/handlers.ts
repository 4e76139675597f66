import type { accessMethods } from '../../contract/access';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The access slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function accessHandlers({ credentials }: Pick<CoreServices, 'credentials'>): Handlers<typeof accessMethods> {
  return {
    'access.overview': (input) => credentials.overview(input.recipientId),
    'access.sendSingleAccessPin': (input, { actor }) => credentials.sendSingleAccessPin(actor, input),
    'access.regenerate': (input, { actor }) => credentials.issuePermanent(actor, input.recipientId),
    'access.lookupPin': (input, { actor }) => credentials.lookupPin(actor, input.recipientId),
  };
}
