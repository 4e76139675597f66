import type { Repositories } from '../../db/repositories';
import { decideClaim } from '../../domain/sync/packages';

/**
 * One sender per reminder and escalation across the site's nodes (docs/architecture.md, "Package notices and
 * reminders"): a node that finds one due claims it, every node that receives a claim answers with its own, and the
 * lowest (HLC, origin) of the round acts. Only on a node of a site; a single PC sends as it always has.
 */

/** How long a claim waits for every node it knows to answer before the lowest claim it has wins. */
export const claimWaitMs = 10 * 60_000;
/** A winner that decides later than this after its claim stands down instead (it was down; the others move on). */
export const claimLateMs = 15 * 60_000;
/** How long after standing down a node claims the next round of something still due here (its winner never acted). */
export const claimExpiryMs = 30 * 60_000;

/** Claims older than this are not answered: their round was decided long ago, by waiting for whoever answered. */
const answerWithinMs = 60 * 60_000;

/** What a claim is for: a recipient's reminder of one local day, one package's escalation, or one hold's end notice. */
export type ClaimSubject =
  | { kind: 'reminder'; recipientUid: string; day: string }
  | { kind: 'escalation'; packageUid: string }
  | { kind: 'holdEnd'; holdUid: string };

export const claimName = (s: ClaimSubject): string =>
  s.kind === 'reminder'
    ? `reminder:${s.recipientUid}:${s.day}`
    : s.kind === 'escalation'
      ? `escalation:${s.packageUid}`
      : `holdEnd:${s.holdUid}`;

export function parseClaim(name: string): ClaimSubject | null {
  const [kind, uid, day] = name.split(':');
  if (kind === 'reminder' && uid && day) return { kind, recipientUid: uid, day };
  if (kind === 'escalation' && uid && day === undefined) return { kind, packageUid: uid };
  if (kind === 'holdEnd' && uid && day === undefined) return { kind, holdUid: uid };
  return null;
}

export class PackageClaims {
  constructor(private readonly deps: { repos: Pick<Repositories, 'syncPackages' | 'sync'> }) {}

  /** Claims are made only where changes are captured: on a node of a site. */
  enabled(): boolean {
    return this.deps.repos.syncPackages.capturing();
  }

  /**
   * In the caller's transaction: something is due here. Claims its first round, answers a round other nodes
   * claimed, or, when this node stood down long enough ago and it is still due, claims the next round.
   */
  ask(claim: string, now: number): void {
    const { syncPackages, sync } = this.deps.repos;
    const self = sync.node().nodeUid;
    const latest = syncPackages.latest(claim, self);
    if (!latest) syncPackages.claim(claim, 1, self, now);
    else if (!latest.mine) syncPackages.claim(claim, latest.round, self, now);
    else if (latest.mine.outcome === 'lost' && now - latest.mine.decidedAt! >= claimExpiryMs) {
      syncPackages.claim(claim, latest.round + 1, self, now);
    }
  }

  /**
   * In the caller's transaction: answers, with a claim of its own, the latest round of every claim made in the last
   * hour that this node has not claimed. A node's answer is later than the claim it answers (its clock has seen it),
   * so only a node that found the work due can win.
   */
  answerAll(now: number): void {
    const { syncPackages, sync } = this.deps.repos;
    const self = sync.node().nodeUid;
    for (const { claim, round } of syncPackages.unanswered(self, now - answerWithinMs)) syncPackages.claim(claim, round, self, now);
  }

  /** In the caller's transaction: decides every open claim of this node that can be; returns those it won. */
  decide(now: number): string[] {
    const { syncPackages, sync } = this.deps.repos;
    const self = sync.node().nodeUid;
    const knownNodes = syncPackages.knownNodes().filter((n) => n !== self);
    const won: string[] = [];
    for (const open of syncPackages.open(self)) {
      const decision = decideClaim({
        self,
        round: open.round,
        claims: syncPackages.claims(open.claim),
        knownNodes,
        claimedAt: open.claimedAt,
        now,
        waitMs: claimWaitMs,
        lateMs: claimLateMs,
      });
      if (decision === 'wait') continue;
      syncPackages.decided(open.uid, decision, now);
      if (decision === 'won') won.push(open.claim);
    }
    return won;
  }
}
