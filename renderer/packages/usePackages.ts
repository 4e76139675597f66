import { useEffect } from 'react';
import type { MethodInput } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

/** Every change the Packages screens make: each dialog shows its own result, and a refusal on its form. */
export const packageCalls = {
  detect: (tracking: string) => invoke('packages.detect', { tracking }),
  log: (input: MethodInput<'packages.log'>) => invoke('packages.log', input),
  handOver: (input: MethodInput<'packages.handOver'>) => invoke('packages.handOver', input),
  returnToSender: (input: MethodInput<'packages.returnToSender'>) => invoke('packages.returnToSender', input),
  update: (input: MethodInput<'packages.update'>) => invoke('packages.update', input),
  putAside: (input: MethodInput<'packages.putAside'>) => invoke('packages.putAside', input),
  assign: (input: MethodInput<'packages.assign'>) => invoke('packages.assign', input),
  restore: (ids: number[]) => invoke('packages.restore', { ids }),
  markMissing: (ids: number[]) => invoke('packages.markMissing', { ids }),
  export: (from: string, to: string) => invoke('packages.export', { from, to }),
  shelfCheckStart: () => invoke('packages.shelfCheckStart', {}),
  shelfCheckScan: (checkId: number, tracking: string) => invoke('packages.shelfCheckScan', { checkId, tracking }),
  shelfCheckFinish: (checkId: number) => invoke('packages.shelfCheckFinish', { checkId }),
  shelfCheckCancel: (checkId: number) => invoke('packages.shelfCheckCancel', { checkId }),
};

export type PackageFilter = Pick<MethodInput<'packages.list'>, 'status' | 'query' | 'sort'>;

/**
 * The package list for a filter, `pages` pages long, kept current as packages change. It is read page by page, each
 * after the last one's cursor, so a reload shows as many rows as before, however many.
 */
export function usePackageList(filter: PackageFilter, pages: number, pageSize: number) {
  const list = useQuery(async () => {
    let page = await invoke('packages.list', { ...filter, limit: pageSize });
    const items = [...page.items];
    for (let n = 1; n < pages && page.next; n++) {
      page = await invoke('packages.list', { ...filter, limit: pageSize, after: page.next });
      items.push(...page.items);
    }
    return { ...page, items };
  }, [filter, pages, pageSize]);
  const { reload } = list;
  useEffect(() => on('packages.changed', reload), [reload]);
  return list;
}

/** One recipient's packages (newest first, every status), reloaded when one of theirs changes. */
export function useRecipientPackages(recipientId: number, limit: number) {
  const list = useQuery(() => invoke('packages.list', { status: 'all', recipientId, limit }), [recipientId, limit]);
  const { reload } = list;
  useEffect(() => on('packages.changed', (e) => e.recipientIds.includes(recipientId) && reload()), [recipientId, reload]);
  return list;
}

/** The counts and chart at the top of Packages, kept current. */
export function usePackageOverview() {
  const overview = useQuery(() => invoke('packages.overview', {}), []);
  const { reload } = overview;
  useEffect(() => on('packages.changed', reload), [reload]);
  return overview;
}

/** One package (its detail), reloaded when packages change (the event names recipients, not packages). */
export function usePackage(id: number) {
  const item = useQuery(() => invoke('packages.get', { id }), [id]);
  const { reload } = item;
  useEffect(() => on('packages.changed', reload), [reload]);
  return item;
}

/** How many packages wait in the Unmatched queue (the header's link and the list's filter), kept current. */
export function useUnmatchedCount() {
  const count = useQuery(() => invoke('packages.unmatchedCount', {}), []);
  const { reload } = count;
  useEffect(() => on('packages.changed', reload), [reload]);
  return count;
}
