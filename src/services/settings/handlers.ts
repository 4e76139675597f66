import type { settingsMethods } from '../../contract/settings';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The settings slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function settingsHandlers({ settings }: Pick<CoreServices, 'settings'>): Handlers<typeof settingsMethods> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (input, { actor }) => settings.update(actor, input),
  };
}
