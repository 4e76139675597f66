import { useCallback, useEffect, useState } from 'react';
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
  more: boolean;
  loading: boolean;
  error: ApiError | null;
}

const newestFirst = (entries: AuditEntry[]) => entries.sort((a, b) => b.id - a.id);

const starting = (key: string): Feed => ({ key, entries: [], more: false, loading: true, error: null });
/** The feed for `key`: what is there when it is already for that filter, else a new one, still loading. */
const feedFor = (f: Feed, key: string) => (f.key === key ? f : starting(key));

/**
 * The activity log for a filter, newest first: the first page, then older ones on `loadMore` (after the last
 * entry's id), and entries the core appends meanwhile that match the filter. A new filter starts again.
 */
export function useActivity(filter: ActivityQuery, pageSize = 100) {
  const key = JSON.stringify(filter);
  const [feed, setFeed] = useState<Feed>(() => starting(key));
  const current = feedFor(feed, key);

  useEffect(() => {
    const wanted = JSON.parse(key) as ActivityQuery;
    let live = true;
    // Listening starts before the first page is asked for, so an entry written in between is not lost.
    const off = on('activity.appended', (entry) => {
      if (!matchesActivity(entry, wanted)) return;
      setFeed((old) => {
        const f = feedFor(old, key);
        return f.entries.some((e) => e.id === entry.id) ? f : { ...f, entries: [entry, ...f.entries] };
      });
    });
    invoke('activity.list', { ...wanted, limit: pageSize }).then(
      (page) =>
        live &&
        setFeed((old) => {
          const known = new Set(page.items.map((e) => e.id));
          const entries = newestFirst([...feedFor(old, key).entries.filter((e) => !known.has(e.id)), ...page.items]);
          return { key, entries, more: page.more, loading: false, error: null };
        }),
      (error: ApiError) => live && setFeed((old) => ({ ...feedFor(old, key), loading: false, error })),
    );
    return () => {
      live = false;
      off();
    };
  }, [key, pageSize]);

  const last = current.entries.at(-1)?.id;
  const loadMore = useCallback(async () => {
    if (last === undefined) return;
    const wanted = JSON.parse(key) as ActivityQuery;
    try {
      const page = await invoke('activity.list', { ...wanted, limit: pageSize, beforeId: last });
      setFeed((f) => {
        if (f.key !== key) return f;
        const known = new Set(f.entries.map((e) => e.id));
        return { ...f, entries: [...f.entries, ...page.items.filter((e) => !known.has(e.id))], more: page.more };
      });
    } catch (error) {
      setFeed((f) => (f.key !== key ? f : { ...f, error: error as ApiError }));
    }
  }, [key, last, pageSize]);

  return { entries: current.entries, more: current.more, loading: current.loading, error: current.error, loadMore };
}

/** Everyone the staff filter offers, by display name. */
export const useActivityStaff = () => useQuery(() => invoke('activity.staff', {}), []);
