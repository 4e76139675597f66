import type { MethodInput } from '../../src/contract';
import { invoke } from '../api/client';
import { useQuery } from '../api/useQuery';

/** Settings → Carrier access: the codes. */
export const useCarrierCodes = () => useQuery(() => invoke('carrierCodes.list', {}), []);

/** What the carrier access screens change; each dialog shows its own result. */
export const carrierCalls = {
  add: (input: MethodInput<'carrierCodes.add'>) => invoke('carrierCodes.add', input),
  lookup: (id: number) => invoke('carrierCodes.lookup', { id, identityVerified: true }),
  regenerate: (id: number) => invoke('carrierCodes.regenerate', { id }),
  revoke: (id: number) => invoke('carrierCodes.revoke', { id }),
};
