import { useEffect, useRef, useState } from 'react';
import type { SiteStatus } from '../../src/contract';
import { invoke, on } from '../api/client';

/**
 * This computer as a node of a site: undefined until the first answer, null on a single PC. The core pushes
 * `site.status` when the connection comes or goes or the count of changes waiting moves; `rereadMs` reads it again
 * now and then for what is not pushed (when each other node was last heard from), for the screen that shows that.
 */
export function useSiteStatus(rereadMs?: number): SiteStatus | null | undefined {
  const [status, setStatus] = useState<SiteStatus | null>();
  // An answer to a request sent before the latest event is older than that event: it must not undo it.
  const told = useRef(0);
  useEffect(() => {
    const read = () => {
      const asked = told.current;
      invoke('site.status', {}).then(
        (answer) => told.current === asked && setStatus(answer),
        () => undefined,
      );
    };
    read();
    const timer = rereadMs === undefined ? null : setInterval(read, rereadMs);
    const off = on('site.status', (pushed) => {
      told.current++;
      setStatus(pushed);
    });
    return () => {
      if (timer) clearInterval(timer);
      off();
    };
  }, [rereadMs]);
  return status;
}
