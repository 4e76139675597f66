import { useEffect } from 'react';
import type { MethodInput } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

export const holdCalls = {
  set: (input: MethodInput<'holds.set'>) => invoke('holds.set', input),
  cancel: (id: number) => invoke('holds.cancel', { id }),
};

/** A recipient's holds (the current or next one first), kept current as holds change here or at another desk. */
export function useHolds(recipientId: number | null) {
  const query = useQuery(async () => (recipientId === null ? null : invoke('holds.list', { recipientId })), [recipientId]);
  const { reload } = query;
  useEffect(() => on('holds.changed', (e) => e.recipientId === recipientId && reload()), [recipientId, reload]);
  return query;
}
