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
  'settings.start_at_login': 'Changed whether Packroom starts at sign-in',
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
  'door.lockout_reset': 'Reset the keypad lockout',
  'door.pin_request': 'PIN requested at the keypad',
  'carrier.code_added': 'Added a carrier code',
  'carrier.code_regenerated': 'Regenerated a carrier code',
  'carrier.code_revoked': 'Revoked a carrier code',
  'carrier.code_lookup': 'Looked up a carrier code',
  'alert.raised': 'Alert',
  'alert.acknowledged': 'Acknowledged an alert',
  'roster.import': 'Imported the resident roster',
  'roster.import_blocked': 'Roster import stopped: too many move-outs',
  'roster.import_failed': 'Roster import failed',
  'roster.added': 'Added by the roster import',
  'roster.updated': 'Updated by the roster import',
  'roster.deactivated': 'Deactivated by the roster import',
  'roster.reactivated': 'Reactivated by the roster import',
  'package.logged': 'Logged a package',
  'package.picked_up': 'Packages picked up at the door',
  'package.handed_over': 'Handed over a package',
  'package.returned': 'Returned a package to sender',
  'package.updated': 'Edited a package',
  'package.restored': 'Put a package back to Waiting',
  'package.missing': 'Marked a package missing',
  'package.reminder': 'Package reminder sent',
  'package.shelf_check_started': 'Started a shelf check',
  'package.shelf_check_finished': 'Finished a shelf check',
  'package.shelf_check_cancelled': 'Cancelled a shelf check',
  'backup.created': 'Wrote a backup',
  'backup.failed': 'Backup failed',
  'backup.passphrase_set': 'Set the backup passphrase',
  'activity.export': 'Exported the activity log',
};

export const describeAction = (action: string) => actionLabels[action] ?? action;

/** What happened, in one line; a carrier's entry reads "UPS entered the package room at 14:02". */
export function describeEntry(entry: AuditEntry): string {
  const carrier = entry.details?.carrierName;
  if (entry.action === 'door.granted' && typeof carrier === 'string') {
    const time = new Date(entry.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${carrier} entered the package room at ${time}`;
  }
  return describeAction(entry.action);
}

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
