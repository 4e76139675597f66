import type { AuditEntry } from '../../src/contract';

/** Audit actions in the words front-desk staff use. */
const actionLabels: Record<string, string> = {
  'staff.setup': 'Created the first staff account',
  'staff.create': 'Added a staff account',
  'staff.activate': 'Reactivated a staff account',
  'staff.deactivate': 'Deactivated a staff account',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Failed sign-in',
  'auth.logout': 'Signed out',
  'auth.lock': 'Screen locked',
  'auth.unlock': 'Screen unlocked',
  'auth.unlock_failed': 'Failed unlock',
  'recipient.create': 'Added a recipient',
  'recipient.update': 'Edited a recipient',
  'recipient.deactivate': 'Deactivated a recipient',
  'recipient.reactivate': 'Reactivated a recipient',
  'settings.update': 'Changed settings',
};

export const describeAction = (action: string) => actionLabels[action] ?? action;

export function describeDetails(entry: AuditEntry): string {
  const d = entry.details;
  if (!d) return '';
  return Object.entries(d)
    .map(([key, value]) => {
      if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
        const change = value as { from: unknown; to: unknown };
        return `${key}: ${String(change.from ?? '—')} → ${String(change.to ?? '—')}`;
      }
      return `${key}: ${String(value)}`;
    })
    .join('; ');
}

export const formatTime = (iso: string) => new Date(iso).toLocaleString();
