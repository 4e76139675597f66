import type { Repositories } from '../../db/repositories';
import type { PackageLine } from '../notifications/messages';
import { carrierLabel } from './items';

/** What a package notice or reminder lists when it goes out: everything still waiting for the recipient. */
export function packageLines(repos: Pick<Repositories, 'packages'>, recipientId: number): PackageLine[] {
  return repos.packages
    .waitingForRecipient(recipientId)
    .map((p) => ({ carrier: carrierLabel(p), tracking: p.tracking, loggedAt: p.loggedAt }));
}
