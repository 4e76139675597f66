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
  'access.permanent_issued': 'Issued a PIN and QR code',
  'access.permanent_regenerated': 'Regenerated the PIN and QR code',
  'access.single_issued': 'Sent a Single Access PIN',
  'access.single_requested': 'Single Access PIN requested at the keypad',
  'access.pin_lookup': 'Looked up the PIN',
  'access.revoked': 'PIN and QR code stopped',
  'door.granted': 'Door opened',
  'door.denied': 'Door stayed closed',
  'door.locked_out': 'Keypad locked after wrong tries',
  'door.opened_by_staff': 'Opened the door from the staff screen',
  'door.pin_request': 'PIN requested at the keypad',
  'alert.raised': 'Alert',
  'alert.acknowledged': 'Acknowledged an alert',
  'roster.import': 'Imported the resident roster',
  'roster.import_blocked': 'Roster import stopped: too many move-outs',
  'roster.import_failed': 'Roster import failed',
  'roster.added': 'Added by the roster import',
  'roster.updated': 'Updated by the roster import',
  'roster.deactivated': 'Deactivated by the roster import',
  'roster.reactivated': 'Reactivated by the roster import',
  'backup.created': 'Wrote a backup',
  'backup.failed': 'Backup failed',
  'backup.passphrase_set': 'Set the backup passphrase',
  'activity.export': 'Exported the activity log',
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
