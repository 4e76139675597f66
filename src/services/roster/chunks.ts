import { performance } from 'node:perf_hooks';
import type { Clock } from '../../clock';
import type { RecipientRepository } from '../../db/repositories/recipients';
import type { ApplyJournal, RosterApplyRepository } from '../../db/repositories/rosterApply';
import type { Actor, AuditService } from '../audit/service';
import type { CredentialService } from '../credentials/service';
import type { Transactor } from '../tx';
import { yieldToDoor } from '../turns';
import { addCounts, credentialsNeeded, SealedReserve, searchMergePages, startChunk, type AppliedCounts, type PlanItem } from './apply';
import type { RememberedChoices } from './prepare';
import type { rosterCounts } from './summary';

/** Stored with the journal so that an apply can finish after a restart exactly as it started. */
export interface JournalPlan {
  counts: ReturnType<typeof rosterCounts>;
  applied: AppliedCounts;
  /** Items not applied yet that issue new credentials (they are sealed ahead). */
  credentialsLeft: number;
  welcome: boolean;
  extra: Record<string, unknown>;
  remember: RememberedChoices | null;
}

// An apply transaction writes recipients a few at a time (groupRows) until, with the commit still to come,
// it would have taken this long: the door waits at most one transaction, whatever a recipient or a commit
// (its wait for the disk) costs on this computer today.
export const chunkBudgetMs = 4;
// However slow commits get, a transaction writes for at least this long: with a disk that takes 4 ms to
// commit, one group per commit made a first import take 20 s instead of 8.
export const chunkWorkMs = 1.5;
const groupRows = 5;
// Items read from the journal for the next transaction: what the last one got through, and some more. The
// first is one group, which measures what a commit and a finish cost before any transaction relies on it.
const chunkRows = { first: groupRows, max: 300 };
// New credentials sealed ahead of the chunks that store them.
const sealAhead = 200;

export interface ChunkDeps {
  clock: Clock;
  tx: Transactor;
  credentials: CredentialService;
  audit: AuditService;
  repo: RecipientRepository;
  journal: RosterApplyRepository;
}

/** A chunk of an apply failed and was rolled back; `done` of the journal's recipients were applied before it. */
export class ChunkFailed extends Error {
  constructor(
    readonly done: number,
    cause: unknown,
  ) {
    super(`An import chunk failed after ${done} recipients`, { cause });
  }
}

/**
 * Writes the journal's remaining items a chunk at a time, each chunk one transaction bounded by time that
 * also records the progress in the journal, with a break for the door between chunks. `plan` is the
 * journal's and gets what was applied; `onChunk` hears how many recipients are done after each chunk.
 */
export async function writeChunks(
  { clock, tx, credentials, audit, repo, journal }: ChunkDeps,
  start: ApplyJournal,
  plan: JournalPlan,
  onChunk: (done: number) => void,
): Promise<void> {
  const actor: Actor = { staffId: start.actorStaffId, label: start.actor };
  let done = start.done;
  let size = chunkRows.first;
  const reserve = new SealedReserve((count) => credentials.sealMany(count), sealAhead);
  // What finishing a chunk (credentials, audit rows) costs per recipient, and what a transaction costs
  // beyond its writes (its commit), as the last chunks measured them.
  let finishMsPerItem = 0;
  let commitMs = 0;
  for (;;) {
    const batch = journal.next(start.id, size);
    if (batch.length === 0) return;
    const items = batch.map((b) => b.item as PlanItem);
    let applied = 0;
    try {
      const sealed = await reserve.take(credentialsNeeded(items));
      const opened = performance.now();
      let worked = 0;
      tx.run(() => {
        const began = performance.now();
        const chunk = startChunk({ repo, credentials, audit }, actor, { welcome: plan.welcome, now: clock.now(), sealed });
        // Rows are written a few recipients at a time until what is written, with the credentials and
        // audit rows still to come for it (finish) and the commit, would take chunkBudgetMs (but for at
        // least chunkWorkMs).
        do {
          chunk.write(items.slice(applied, applied + groupRows));
          applied = Math.min(items.length, applied + groupRows);
        } while (
          applied < items.length &&
          performance.now() - began + applied * finishMsPerItem < Math.max(chunkBudgetMs - commitMs, chunkWorkMs)
        );
        const finishing = performance.now();
        const { counts, sealedUsed } = chunk.finish();
        finishMsPerItem = (finishMsPerItem + (performance.now() - finishing) / applied) / 2;
        plan.applied = addCounts(plan.applied, counts);
        plan.credentialsLeft -= credentialsNeeded(items.slice(0, applied));
        repo.mergeSearchIndex(searchMergePages);
        journal.consume(start.id, batch[applied - 1]!.seq, done + applied, plan);
        reserve.used(sealedUsed);
        worked = performance.now() - began;
      });
      commitMs = (commitMs + (performance.now() - opened - worked)) / 2;
      reserve.prepare(plan.credentialsLeft);
    } catch (error) {
      throw new ChunkFailed(done, error);
    }
    done += applied;
    size = Math.min(chunkRows.max, applied + Math.ceil(applied / 2) + groupRows);
    onChunk(done);
    await yieldToDoor();
  }
}
