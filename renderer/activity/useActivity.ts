import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityFilter, AuditEntry, MethodInput } from '../../src/contract';
import { invoke, on, type ApiError } from '../api/client';
import { useQuery } from '../api/useQuery';

/** The Activity screen's one change: a piece of the CSV export. */
export const activityCalls = {
  export: (input: MethodInput<'activity.export'>) => invoke('activity.export', input),
};

/** The filter as the list asks for it; a field left out does not narrow. */
export type ActivityQuery = Partial<ActivityFilter>;

/**
 * Whether a live entry belongs in a list with this filter: the core's own filter (SQL in the audit repository),
 * said again for the one entry the event carries. Words are looked for, case aside, where the core looks: who,
 * whom, and the details.
 */
export function matchesActivity(entry: AuditEntry, filter: ActivityQuery): boolean {
  if (filter.kind !== undefined && entry.kind !== filter.kind) return false;
  if (filter.recipientId !== undefined && entry.recipientId !== filter.recipientId) return false;
  if (filter.staffId !== undefined && entry.actorStaffId !== filter.staffId) return false;
  const at = Date.parse(entry.at);
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  if (filter.to !== undefined && at >= Date.parse(filter.to)) return false;
  const words = filter.query?.trim().toLowerCase();
  if (words) {
    const where = [entry.actor, entry.actorName, entry.subjectLabel, entry.details && JSON.stringify(entry.details)];
    if (!where.some((text) => text?.toLowerCase().includes(words))) return false;
  }
  return true;
}

interface Feed {
  /** The filter these entries are for, as JSON: an answer for an older filter is dropped. */
  key: string;
  entries: AuditEntry[];
  /** Where older entries are read from (the core's `next`); null at the start of the log. */
  next: number | null;
  loading: boolean;
  error: ApiError | null;
}

const starting = (key: string): Feed => ({ key, entries: [], next: null, loading: true, error: null });
/** The feed for `key`: what is there when it is already for that filter, else a new one, still loading. */
const feedFor = (f: Feed, key: string) => (f.key === key ? f : starting(key));

/** Both lists' entries once each, newest first. */
function merged(entries: AuditEntry[], more: AuditEntry[]): AuditEntry[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of more) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/**
 * The activity log for a filter, newest first: a page, then older ones on `loadMore`, and entries the core appends
 * meanwhile that match the filter. The core reads a bounded span of the log per call, so a page is read in as many
 * calls as it takes to fill it (or reach the start), each shown as it comes. A new filter starts again.
 */
export function useActivity(filter: ActivityQuery, pageSize = 100) {
  const key = JSON.stringify(filter);
  const [feed, setFeed] = useState<Feed>(() => starting(key));
  const current = feedFor(feed, key);
  const shown = useRef(key);
  useEffect(() => {
    shown.current = key;
  });

  const read = useCallback(
    async (key: string, from: number | undefined, stillWanted: () => boolean) => {
      const wanted = JSON.parse(key) as ActivityQuery;
      let found = 0;
      let cursor = from;
      try {
        do {
          const page = await invoke('activity.list', { ...wanted, limit: pageSize, ...(cursor !== undefined && { beforeId: cursor }) });
          if (!stillWanted()) return;
          found += page.items.length;
          cursor = page.next ?? undefined;
          const loading = cursor !== undefined && found < pageSize;
          setFeed((old) => {
            const f = feedFor(old, key);
            return { key, entries: merged(f.entries, page.items), next: page.next, loading, error: null };
          });
        } while (cursor !== undefined && found < pageSize);
      } catch (error) {
        if (stillWanted()) setFeed((old) => ({ ...feedFor(old, key), loading: false, error: error as ApiError }));
      }
    },
    [pageSize],
  );

  useEffect(() => {
    const wanted = JSON.parse(key) as ActivityQuery;
    let live = true;
    // Listening starts before the first page is asked for, so an entry written in between is not lost.
    const off = on('activity.appended', (entry) => {
      if (matchesActivity(entry, wanted)) setFeed((old) => ({ ...feedFor(old, key), entries: merged(feedFor(old, key).entries, [entry]) }));
    });
    void read(key, undefined, () => live);
    return () => {
      live = false;
      off();
    };
  }, [key, read]);

  const { next, loading } = current;
  const loadMore = useCallback(async () => {
    if (next === null || loading) return;
    setFeed((old) => ({ ...feedFor(old, key), loading: true }));
    await read(key, next, () => shown.current === key);
  }, [key, next, loading, read]);

  return {
    entries: current.entries,
    more: current.next !== null && !current.loading,
    loading: current.loading,
    error: current.error,
    loadMore,
  };
}

/** Everyone the staff filter offers, by display name. */
export const useActivityStaff = () => useQuery(() => invoke('activity.staff', {}), []);
