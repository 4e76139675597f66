import { useEffect, useState } from 'react';
import type { MethodInput } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

/** The staff accounts, with the changes the Staff accounts card makes; read again when another computer changed one. */
export function useStaff() {
  const staff = useQuery(() => invoke('staff.list', {}), []);
  const { reload } = staff;
  useEffect(() => on('staff.changed', reload), [reload]);
  const [error, setError] = useState<Error | null>(null);
  return {
    staff,
    error,
    async setActive(id: number, active: boolean) {
      try {
        await invoke('staff.setActive', { id, active });
        setError(null);
        staff.reload();
      } catch (e) {
        setError(e as Error);
      }
    },
    async create(input: MethodInput<'staff.create'>) {
      await invoke('staff.create', input);
      staff.reload();
    },
    /** A temporary password, which the person replaces at their next sign-in; the list does not change. */
    resetPassword: (input: MethodInput<'staff.resetPassword'>) => invoke('staff.resetPassword', input),
  };
}
