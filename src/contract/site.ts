import { empty } from './common';
import { method, type MethodDef } from './define';

/**
 * This computer as a node of a site (several PCs, one building: docs/architecture.md "Several PCs, one building"):
 * what `packroom site status` prints, the header's "not connected" badge and Settings → This computer read. Times
 * are epoch milliseconds.
 */
export interface SiteStatus {
  site: string;
  node: string;
  /** As the running Packroom last recorded it; false when none runs. */
  connected: boolean;
  /** When the connection was lost, while it is; null while connected, and before the first attempt ends. */
  disconnectedSince: number | null;
  /** The nodes whose changes this node applied: when it applied the last, and how late it was (apply time minus its clock). */
  nodes: { node: string; lastSeenAt: number; lagMs: number }[];
  /** Changes made here that the site's stream does not have yet. */
  pendingOut: number;
  /** The largest of the nodes' `lagMs`. */
  lagMs: number;
}

export const siteMethods = {
  // Null on a single PC: the header shows nothing and Settings says this computer works alone.
  'site.status': method<SiteStatus | null>()({ input: empty, access: 'staff' }),
} satisfies Record<string, MethodDef>;
