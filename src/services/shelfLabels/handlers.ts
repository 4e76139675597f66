import type { shelfLabelMethods } from '../../contract/shelfLabels';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The shelf labels slice of the contract, mapped to its service. */
export function shelfLabelHandlers({ shelfLabels }: Pick<CoreServices, 'shelfLabels'>): Handlers<typeof shelfLabelMethods> {
  return {
    'shelfLabels.sheet': (input) => shelfLabels.sheet(input),
    'shelfLabels.find': (input) => shelfLabels.find(input.code),
    'shelfLabels.settings': () => shelfLabels.settings(),
    'shelfLabels.setPrintOnIntake': (input, { actor }) => shelfLabels.setPrintOnIntake(actor, input.on),
  };
}
