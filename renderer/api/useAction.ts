import { useState } from 'react';

/** Runs a call on a button press, with the busy flag and the error a dialog shows. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  async function run(...args: A): Promise<R | undefined> {
    setBusy(true);
    try {
      const result = await action(...args);
      setError(null);
      return result;
    } catch (e) {
      setError(e as Error);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error };
}
