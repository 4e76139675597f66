import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from './client';

export interface Query<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data with `load` whenever `key` changes (compared as JSON) or `reload` is called;
 * an answer to an older request never overwrites a newer one.
 */
export function useQuery<T>(load: () => Promise<T>, key: unknown[]): Query<T> {
  const [generation, setGeneration] = useState(0);
  const request = `${JSON.stringify(key)}#${generation}`;
  const [state, setState] = useState<{ request: string | null; data: T | undefined; error: ApiError | null }>({
    request: null,
    data: undefined,
    error: null,
  });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let current = true;
    loadRef.current().then(
      (data) => current && setState({ request, data, error: null }),
      (error: ApiError) => current && setState((s) => ({ request, data: s.data, error })),
    );
    return () => {
      current = false;
    };
  }, [request]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, loading: state.request !== request, reload };
}
