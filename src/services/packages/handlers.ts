import type { packageMethods } from '../../contract/packages';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The packages slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function packageHandlers({ packages }: Pick<CoreServices, 'packages'>): Handlers<typeof packageMethods> {
  return {
    'packages.detect': (input) => packages.detect(input.tracking),
    'packages.log': (input, { actor }) => packages.log(actor, input),
    'packages.list': (input) => packages.list(input),
    'packages.get': (input) => packages.get(input.id),
    'packages.handOver': (input, { actor }) => packages.handOver(actor, input.id, input.collectedBy ?? null),
    'packages.returnToSender': (input, { actor }) => packages.returnToSender(actor, input.id, input.reason),
    'packages.update': (input, { actor }) => packages.update(actor, input),
    'packages.restore': (input, { actor }) => packages.restore(actor, input.ids),
    'packages.markMissing': (input, { actor }) => packages.markMissing(actor, input.ids),
    'packages.overview': () => packages.overview(),
    'packages.export': (input) => packages.exportCsv(input.from, input.to),
    'packages.shelfCheckCurrent': () => packages.currentShelfCheck(),
    'packages.shelfCheckStart': (_input, { actor }) => packages.startShelfCheck(actor),
    'packages.shelfCheckScan': (input) => packages.shelfCheckScan(input.checkId, input.tracking),
    'packages.shelfCheckFinish': (input, { actor }) => packages.finishShelfCheck(actor, input.checkId),
    'packages.shelfCheckCancel': (input, { actor }) => {
      packages.cancelShelfCheck(actor, input.checkId);
      return null;
    },
    'packages.putAside': (input, { actor }) => packages.putAside(actor, input),
    'packages.assign': (input, { actor }) => packages.assign(actor, input),
    'packages.unmatchedCount': () => packages.unmatchedCount(),
  };
}
