import { useEffect } from 'react';
import type { MethodInput } from '../../src/contract';
import { invoke, on } from '../api/client';
import { useQuery } from '../api/useQuery';

/** One recipient's PINs, QR code and notifications, reloaded when the core reports a change for them. */
export function useAccessOverview(recipientId: number) {
  const overview = useQuery(() => invoke('access.overview', { recipientId }), [recipientId]);
  const { reload } = overview;
  useEffect(() => {
    const forThisRecipient = (e: { recipientId: number }) => e.recipientId === recipientId && reload();
    const offAccess = on('access.changed', forThisRecipient);
    const offNotifications = on('notifications.changed', forThisRecipient);
    return () => {
      offAccess();
      offNotifications();
    };
  }, [recipientId, reload]);
  return overview;
}

/** The calls the access dialogs make: each shows its own result, and a refusal on its form. */
export const accessCalls = {
  sendSingleAccessPin: (input: MethodInput<'access.sendSingleAccessPin'>) => invoke('access.sendSingleAccessPin', input),
  regenerate: (recipientId: number) => invoke('access.regenerate', { recipientId }),
  lookupPin: (recipientId: number) => invoke('access.lookupPin', { recipientId, identityVerified: true }),
};
