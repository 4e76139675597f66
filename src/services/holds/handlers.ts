import type { holdMethods } from '../../contract/holds';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The holds slice of the contract, mapped to the hold service. */
export function holdHandlers({ holds }: Pick<CoreServices, 'holds'>): Handlers<typeof holdMethods> {
  return {
    'holds.list': (input) => holds.list(input.recipientId),
    'holds.set': (input, { actor }) => holds.set(actor, input),
    'holds.cancel': (input, { actor }) => holds.cancel(actor, input.id),
  };
}
