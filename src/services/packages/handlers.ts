import type { packageMethods } from '../../contract/packages';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';
import type { HandoverProof } from './service';

/** The packages slice of the contract: each method mapped to the service that does the work; nothing here touches SQL. */
export function packageHandlers({
  packages,
  attachments,
  proxies,
  shelfLabels,
}: Pick<CoreServices, 'packages' | 'attachments' | 'proxies' | 'shelfLabels'>): Handlers<typeof packageMethods> {
  return {
    'packages.detect': (input) => packages.detect(input.tracking),
    // A picture is checked and made small first (off the door's thread), then saved in the package's transaction.
    'packages.log': async (input, { actor }) =>
      packages.log(actor, input, input.photo ? await attachments.prepare(input.photo, 'photo', 'photo') : null),
    'packages.list': (input) => packages.list(input),
    'packages.get': (input) => packages.get(input.id),
    'packages.handOver': async (input, { actor }) => {
      const { proxyId } = input;
      const proxy = proxyId === undefined ? undefined : (recipientId: number) => proxies.collector(proxyId, recipientId);
      const proof: HandoverProof = {};
      if (input.signature) proof.signature = await attachments.prepare(input.signature, 'signature', 'signature');
      if (input.photo) proof.photo = await attachments.prepare(input.photo, 'photo', 'photo');
      return packages.handOver(actor, input.id, input.collectedBy ?? null, proxy, proof);
    },
    'packages.returnToSender': (input, { actor }) => packages.returnToSender(actor, input.id, input.reason),
    'packages.update': (input, { actor }) => packages.update(actor, input),
    'packages.restore': (input, { actor }) => packages.restore(actor, input.ids),
    'packages.markMissing': (input, { actor }) => packages.markMissing(actor, input.ids),
    'packages.overview': () => packages.overview(),
    'packages.export': (input) => packages.exportCsv(input.from, input.to),
    'packages.shelfCheckCurrent': () => packages.currentShelfCheck(),
    'packages.shelfCheckStart': (_input, { actor }) => packages.startShelfCheck(actor),
    // The shelf check takes a parcel's shelf label as well as its carrier's barcode.
    'packages.shelfCheckScan': (input) => packages.shelfCheckScan(input.checkId, shelfLabels.trackingOf(input.tracking)),
    'packages.shelfCheckFinish': (input, { actor }) => packages.finishShelfCheck(actor, input.checkId),
    'packages.shelfCheckCancel': (input, { actor }) => {
      packages.cancelShelfCheck(actor, input.checkId);
      return null;
    },
    'packages.putAside': async (input, { actor }) =>
      packages.putAside(actor, input, input.photo ? await attachments.prepare(input.photo, 'photo', 'photo') : null),
    'packages.assign': (input, { actor }) => packages.assign(actor, input),
    'packages.unmatchedCount': () => packages.unmatchedCount(),
  };
}
