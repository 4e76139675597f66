import type { proxyMethods } from '../../contract/proxies';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** The proxies slice of the contract mapped to ProxyService; nothing here touches SQL. */
export function proxyHandlers({ proxies }: Pick<CoreServices, 'proxies'>): Handlers<typeof proxyMethods> {
  return {
    'proxies.list': (input) => proxies.list(input.recipientId),
    'proxies.add': (input, { actor }) => proxies.add(actor, input),
    'proxies.revoke': (input, { actor }) => {
      proxies.revoke(actor, input.id);
      return null;
    },
    'proxies.issuePin': (input, { actor }) => proxies.issuePin(actor, input.id),
  };
}
