import type { recipientMethods } from '../../contract/recipients';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The recipients slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function recipientHandlers({ recipients }: Pick<CoreServices, 'recipients'>): Handlers<typeof recipientMethods> {
  return {
    'recipients.search': (input) => recipients.search(input),
    'recipients.get': (input) => recipients.get(input.id),
    'recipients.create': (input, { actor }) => recipients.create(actor, input),
    'recipients.update': ({ id, ...fields }, { actor }) => recipients.update(actor, id, fields),
    'recipients.setStatus': (input, { actor }) => recipients.setStatus(actor, input.id, input.status),
  };
}
