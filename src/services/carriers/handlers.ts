import type { carrierMethods } from '../../contract/carriers';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The carriers slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function carrierHandlers({ carrierCodes }: Pick<CoreServices, 'carrierCodes'>): Handlers<typeof carrierMethods> {
  return {
    'carrierCodes.list': () => carrierCodes.list(),
    'carrierCodes.add': (input, { actor }) => carrierCodes.add(actor, input),
    'carrierCodes.regenerate': (input, { actor }) => carrierCodes.regenerate(actor, input.id),
    'carrierCodes.revoke': (input, { actor }) => {
      carrierCodes.revoke(actor, input.id);
      return null;
    },
    'carrierCodes.lookup': (input, { actor }) => carrierCodes.lookup(actor, input.id),
  };
}
