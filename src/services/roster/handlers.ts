import type { rosterMethods } from '../../contract/roster';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The roster slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function rosterHandlers({
  roster,
  rosterSchedule,
}: Pick<CoreServices, 'roster' | 'rosterSchedule'>): Handlers<typeof rosterMethods> {
  return {
    'roster.upload': (input) => roster.uploads.receive(input),
    'roster.dryRun': (input) => roster.dryRunUpload(input),
    'roster.apply': (input, { actor }) =>
      roster.apply(actor, input.dryRunId, { confirmLargeDeactivation: input.confirmLargeDeactivation, trigger: 'staff' }),
    'roster.cancel': (input) => {
      roster.discard(input.id);
      return null;
    },
    'roster.status': () => rosterSchedule.status(),
    'roster.configure': (input, { actor }) => rosterSchedule.configure(actor, input),
  };
}
