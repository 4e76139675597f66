import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { message } from '../../../src/contract';
import { logicalPerMs } from '../../../src/domain/sync/hlc';
import { rosterImportPlace } from '../../../src/domain/sync/roster';
import { clockAheadLimitMs, heldAlertAfterMs, isClockAhead, keepsExternalId } from '../../../src/domain/sync/watch';
import { HeldChanges } from '../../../src/sync/held';

const now = Date.UTC(2026, 11, 8, 14, 2);
const stamp = (ms: number, origin: string) => ({ hlc: ms * logicalPerMs, origin });

describe('a clock ahead', () => {
  it('is a change stamped more than five minutes after this clock, and nothing nearer or behind', () => {
    expect(isClockAhead((now + clockAheadLimitMs + 1) * logicalPerMs, now)).toBe(true);
    expect(isClockAhead((now + clockAheadLimitMs) * logicalPerMs + logicalPerMs - 1, now)).toBe(false);
    expect(isClockAhead((now - 3_600_000) * logicalPerMs, now)).toBe(false);
  });
});

describe('two records claiming one external id', () => {
  it('leave it with the one created first, whatever order the nodes compare them in', () => {
    const uids = fc.stringMatching(/^[0-9a-f]{4}$/);
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), uids, uids, (ma, mb, oa, ob) => {
        const a = stamp(ma, oa);
        const b = stamp(mb, ob);
        if (ma === mb && oa === ob) return;
        // Exactly one of the two keeps it, and it is the earlier stamp.
        expect(keepsExternalId(a, b)).toBe(!keepsExternalId(b, a));
        expect(keepsExternalId(a, b)).toBe(ma < mb || (ma === mb && oa < ob));
      }),
    );
  });
});

describe('held changes', () => {
  const held = {
    origin: 'o1',
    node: 'mailroom',
    seq: 4,
    record: message('site.record.recipient', { name: 'Ana Lopez', unit: '1A' }),
    reason: 'refused' as const,
  };

  it('are overdue once the same change has been held a few minutes, and no longer once it applies', () => {
    const changes = new HeldChanges();
    changes.held(held, now);
    changes.held(held, now + heldAlertAfterMs - 1);
    expect(changes.overdue(now + heldAlertAfterMs - 1)).toBeNull();
    changes.held(held, now + heldAlertAfterMs);
    expect(changes.overdue(now + heldAlertAfterMs)).toEqual({ ...held, since: now });
    changes.applied('o1');
    expect(changes.overdue(now + 10 * heldAlertAfterMs)).toBeNull();
  });

  it('count afresh when the held change is another one, and name the one held longest', () => {
    const changes = new HeldChanges(1_000);
    changes.held(held, now);
    changes.held({ ...held, seq: 5 }, now + 500);
    expect(changes.overdue(now + 1_000)).toBeNull();
    changes.held({ ...held, origin: 'o2', node: 'door' }, now + 700);
    expect(changes.overdue(now + 1_500)).toMatchObject({ origin: 'o1', seq: 5, since: now + 500 });
    changes.applied('o1');
    expect(changes.overdue(now + 1_500)).toBeNull();
    expect(changes.overdue(now + 1_700)).toMatchObject({ node: 'door', since: now + 700 });
  });

  it('are overdue at once when only a newer Packroom can apply them: waiting will not help', () => {
    const changes = new HeldChanges();
    changes.held({ ...held, reason: 'newer' }, now);
    expect(changes.overdue(now)).toEqual({ ...held, reason: 'newer', since: now });
  });
});

describe('where the daily roster import runs', () => {
  it('here on a single PC and on the node the site names; elsewhere on the others, naming that node when known', () => {
    expect(rosterImportPlace({ site: null, nodeName: null, rosterNode: null })).toEqual({ here: true });
    expect(rosterImportPlace({ site: 'maple', nodeName: 'desk', rosterNode: 'desk' })).toEqual({ here: true });
    expect(rosterImportPlace({ site: 'maple', nodeName: 'door', rosterNode: 'desk' })).toEqual({ here: false, node: 'desk' });
    expect(rosterImportPlace({ site: 'maple', nodeName: 'door', rosterNode: null })).toEqual({ here: false, node: null });
  });
});
