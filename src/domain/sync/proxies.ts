/**
 * How another node's change to a proxy merges (docs/architecture.md, "What is shared", row Proxies): the details
 * (name, phone, email, last day) are last writer wins per field by (HLC, origin); a revocation wins whatever the
 * clocks, since a proxy taken off at one desk must not collect at another because of a late edit. Of two
 * revocations, the earlier by stamp is kept (who and when), so every node ends alike in any order of arrival.
 */
import type { Stamp } from './hlc';
import { compareStamps } from './hlc';
import { lastWriterWins, type FieldStamps } from './packages';

export const proxyDetailFields = ['name', 'phone', 'email', 'until_date'] as const;
export type ProxyDetailField = (typeof proxyDetailFields)[number];

export interface ProxyRevocation {
  revoked_at: number;
  revoked_by: string | null;
}

export interface ProxyMerge {
  /** Detail fields this change wins, with their values. */
  details: Partial<Record<ProxyDetailField, string | null>>;
  /** The revocation to keep when it changes, or undefined when the local one stays. */
  revocation?: ProxyRevocation;
}

/**
 * `local`: the current revocation and its stamp (null when not revoked); a change that clears a revocation
 * (revoked_at null) is ignored: a proxy is never un-revoked, staff add the person again.
 */
export function mergeProxy(
  stamps: FieldStamps<ProxyDetailField>,
  local: { revocation: ProxyRevocation | null; stamp: Stamp | null },
  change: {
    stamp: Stamp;
    fields: Partial<Record<ProxyDetailField, string | null>> & Partial<{ revoked_at: number | null; revoked_by: string | null }>;
  },
): ProxyMerge {
  const details = lastWriterWins(proxyDetailFields, stamps, { stamp: change.stamp, fields: pick(change.fields) }) as ProxyMerge['details'];
  const incoming = change.fields.revoked_at;
  if (incoming === undefined || incoming === null) return { details };
  const revocation = { revoked_at: incoming, revoked_by: change.fields.revoked_by ?? null };
  if (local.revocation === null || compareStamps(change.stamp, local.stamp) < 0) return { details, revocation };
  return { details };
}

function pick(fields: Partial<Record<string, unknown>>): Partial<Record<ProxyDetailField, string | null>> {
  const out: Partial<Record<ProxyDetailField, string | null>> = {};
  for (const f of proxyDetailFields) if (f in fields) out[f] = (fields[f] as string | null | undefined) ?? null;
  return out;
}
