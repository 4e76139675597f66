import type { attachmentMethods } from '../../contract/attachments';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The attachments slice of the contract: a package's photos and signatures, listed and read. */
export function attachmentHandlers({ attachments }: Pick<CoreServices, 'attachments'>): Handlers<typeof attachmentMethods> {
  return {
    'attachments.get': (input) => attachments.get(input.uid),
    'attachments.list': (input) => attachments.list(input.packageId),
  };
}
