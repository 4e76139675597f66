import { useEffect, useState } from 'react';
import type { MethodInput, Recipient } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

export type StatusFilter = 'active' | 'inactive' | 'all';
/** What the recipient form sends: the same fields for a new recipient and a change. */
export type RecipientChanges = Omit<MethodInput<'recipients.update'>, 'id'>;

/**
 * Adds a recipient (null) or changes one. A new one who would duplicate an active recipient is refused with the
 * match (duplicateOf) unless `addAnyway`.
 */
export const saveRecipient =
  (recipient: Recipient | null) =>
  (changes: RecipientChanges, addAnyway = false): Promise<Recipient> =>
    recipient ? invoke('recipients.update', { id: recipient.id, ...changes }) : invoke('recipients.create', { ...changes, addAnyway });

/** The recipient list for a search, kept current as recipients change or an import lands. */
export function useRecipientSearch(query: string, status: StatusFilter) {
  const results = useQuery(() => invoke('recipients.search', { query, status, limit: 50 }), [query, status]);
  const { reload } = results;
  useEffect(() => on('recipients.changed', reload), [reload]);
  useEffect(() => on('roster.applied', reload), [reload]);
  return results;
}

/** Active recipients matching typed text, for a picker (nothing asked for empty text). */
export function useActiveRecipients(query: string) {
  return useQuery(
    () =>
      query.trim() === ''
        ? Promise.resolve({ items: [], more: false })
        : invoke('recipients.search', { query, status: 'active', limit: 20 }),
    [query],
  );
}

/** One recipient with their history, kept current, and the status change the detail view offers. */
export function useRecipient(id: number) {
  const recipient = useQuery(() => invoke('recipients.get', { id }), [id]);
  const history = useQuery(() => invoke('activity.list', { recipientId: id, limit: 50 }), [id]);
  const [actionError, setActionError] = useState<Error | null>(null);
  const reloadRecipient = recipient.reload;
  const reloadHistory = history.reload;

  useEffect(() => on('recipients.changed', (e) => e.id === id && reloadRecipient()), [id, reloadRecipient]);
  // Any new audit entry may belong to this recipient (an edit, a PIN sent or looked up, a door event): the history query filters.
  useEffect(() => on('activity.appended', reloadHistory), [reloadHistory]);

  return {
    recipient,
    history,
    actionError,
    async setStatus(status: Recipient['status']) {
      try {
        await invoke('recipients.setStatus', { id, status });
        setActionError(null);
      } catch (error) {
        setActionError(error as Error);
      }
    },
  };
}
