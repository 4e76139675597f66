import { useEffect } from 'react';
import type { MethodInput } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

/** A recipient's people allowed to collect, reloaded when the core reports a change of their access. */
export function useProxies(recipientId: number) {
  const proxies = useQuery(() => invoke('proxies.list', { recipientId }), [recipientId]);
  const { reload } = proxies;
  useEffect(() => on('access.changed', (e) => e.recipientId === recipientId && reload()), [recipientId, reload]);
  return proxies;
}

export const proxyCalls = {
  add: (input: MethodInput<'proxies.add'>) => invoke('proxies.add', input),
  revoke: (id: number) => invoke('proxies.revoke', { id }),
  issuePin: (id: number) => invoke('proxies.issuePin', { id }),
};
