import type { Core } from '../../src/core';

/**
 * Every shared column of every package, carrier code and reminder claim, by uid, with references as uids: what
 * every node of a site must hold alike (issue 20). Local ids and local-only columns (who was alerted here, when this
 * node decided its claim) are left out.
 */
export function sharedPackageTables(core: Core): Record<string, unknown[]> {
  const all = (sql: string) => core.db.prepare(sql).all();
  return {
    packages: all(
      `SELECT p.uid, p.tracking, p.carrier, p.carrier_name, r.uid AS recipient_uid, p.shelf, p.size, p.perishable, p.note, p.status,
         p.logged_at, p.logged_by_name, p.picked_up_at, p.picked_up_via, p.picked_up_credential, p.collected_by, p.handed_over_by_name,
         p.returned_at, p.return_reason, p.missing_at, p.reminders_sent, p.last_reminded_at, p.escalated_at, p.put_aside_at,
         p.put_aside_by_name, p.reading, p.assigned_at, p.assigned_by_name
       FROM packages p LEFT JOIN recipients r ON r.id = p.recipient_id ORDER BY p.uid`,
    ),
    packageStates: all('SELECT uid, hlc, origin, value, base, details FROM sync_package_states ORDER BY uid, hlc, origin'),
    carrierCodes: all(
      `SELECT c.uid, c.carrier, c.name, hex(c.pin_hash) AS pin_hash, hex(c.pin_enc) AS pin_enc, c.days, c.from_minute, c.until_minute,
         c.until_date, c.status, c.created_at, c.ended_at, o.uid AS replaces_uid
       FROM carrier_codes c LEFT JOIN carrier_codes o ON o.id = c.replaces ORDER BY c.uid`,
    ),
    claims: all('SELECT uid, claim, round, origin, hlc, claimed_at FROM package_claims ORDER BY uid'),
  };
}
