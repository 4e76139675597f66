import type { labelMethods } from '../../contract/labels';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The labels slice of the contract: the desk's reading of a parcel's label. */
export function labelHandlers({ labels }: Pick<CoreServices, 'labels'>): Handlers<typeof labelMethods> {
  return {
    'labels.read': (input) => labels.read(input.image),
    'labels.status': () => labels.status(),
  };
}
