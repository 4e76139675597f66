import { useEffect } from 'react';
import type { MethodInput } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

/**
 * The Import screen's status: the daily import's schedule, the systems a file can come from and the recent runs,
 * read again when an import lands (by hand or the nightly one) and after the schedule is saved.
 */
export function useRosterSchedule() {
  const status = useQuery(() => invoke('roster.status', {}), []);
  const { reload } = status;
  useEffect(() => on('roster.applied', reload), [reload]);
  return {
    status,
    async configure(input: MethodInput<'roster.configure'>) {
      await invoke('roster.configure', input);
      reload();
    },
  };
}
