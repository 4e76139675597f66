import {
  message,
  type Message,
  type MessageParams,
  type RosterCounts,
  type RosterDiffSummary,
  type RosterMoveOut,
  type RosterRecipientChange,
} from '../../contract';
import type { RosterRecipient } from '../../db/repositories/recipients';
import { exceedsSafetyThreshold, type RecipientUpdate, type RosterDiff } from '../../domain/roster/diff';

/** Lists in a preview stop here: enough to check a file by eye, small enough to send to the screen at once. */
export const previewListLimit = 1000;

export function rosterCounts(diff: RosterDiff): RosterCounts {
  const updates = [...diff.changed, ...diff.movedOut, ...diff.reactivated];
  return {
    added: diff.added.length,
    changed: diff.changed.length,
    movedOut: diff.movedOut.length,
    reactivated: diff.reactivated.length,
    unchanged: diff.unchanged,
    skippedInactive: diff.skippedInactive,
    errors: new Set(diff.errors.map((e) => e.line)).size,
    conflicts: updates.filter((u) => u.conflict).length,
    warnings: diff.warnings.length,
    linked: diff.linked.length,
  };
}

/** The preview staff see: what the diff would do, with names, in a form that crosses any transport. */
export function summarizeDiff(
  diff: RosterDiff,
  byExternalId: ReadonlyMap<string, Pick<RosterRecipient, 'id' | 'firstName' | 'lastName' | 'unit'>>,
  limit: number,
): RosterDiffSummary {
  const change = (update: RecipientUpdate): RosterRecipientChange => {
    const recipient = byExternalId.get(update.externalId)!;
    return {
      recipientId: recipient.id,
      externalId: update.externalId,
      name: `${recipient.firstName} ${recipient.lastName}`,
      unit: recipient.unit,
      line: update.line,
      changes: update.changes,
      conflict: update.conflict,
    };
  };
  const first = <T>(items: readonly T[]) => items.slice(0, previewListLimit);
  return {
    counts: rosterCounts(diff),
    listLimit: previewListLimit,
    added: first(diff.added).map(({ status: _status, ...fields }) => fields),
    changed: first(diff.changed).map(change),
    movedOut: first(diff.movedOut).map((m): RosterMoveOut => ({ ...change(m), reason: m.reason })),
    reactivated: first(diff.reactivated).map(change),
    errors: first(diff.errors),
    warnings: first(diff.warnings),
    linked: diff.linked.map((link) => {
      const recipient = byExternalId.get(link.externalId)!;
      return { ...link, name: `${recipient.firstName} ${recipient.lastName}`, unit: recipient.unit };
    }),
    skipped: { ...diff.skipped },
    safety: { ...diff.safety, limit, exceeded: exceedsSafetyThreshold(diff, limit) },
  };
}

export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The figures a sentence about too many deactivations gives (roster.run.wouldDeactivate and the like). */
export function deactivationFigures(safety: RosterDiff['safety'], limit: number): MessageParams {
  const { wouldDeactivate, activeBefore, share } = safety;
  // Shares as numbers: the catalogs write them as percentages in the reader's language ("62.5%", "62,5 %").
  return { wouldDeactivate, activeBefore, share: Math.round(share * 1000) / 1000, limit };
}

/** Why an import stops for an admin, in words that point at the likely cause. */
export function largeDeactivationMessage(diff: Pick<RosterDiff, 'safety'>, limit: number): Message {
  return message('roster.apply.tooManyDeactivations', deactivationFigures(diff.safety, limit));
}
