/**
 * The applier takes a burst of changes (a catch-up, another node's import) in short transactions of several
 * changes each (issue 20, "Speed and scale"), and a change whose write fails inside one is held alone.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import { Applier } from '../../src/sync/applier';
import { eventFrom } from '../../src/sync/event';
import { signedInAdmin, testCore } from '../helpers/core';
import { sharedRecipients } from '../helpers/sync';

const dataKey = Buffer.alloc(32, 4);
const site = 'maple';

function node(name: string): Core {
  const core = testCore({ dataKey });
  core.repos.sync.configure(site, name, 'nats://127.0.0.1:1');
  return core;
}

/** `from`'s outbox as the stream carries it (JSON), emptied. */
function published(from: Core): unknown[] {
  const self = from.repos.sync.node();
  return from.repos.sync.pending(10_000).map((row) => {
    from.repos.sync.published(row.seq);
    return JSON.parse(JSON.stringify(eventFrom(row, { site, nodeUid: self.nodeUid, nodeName: self.nodeName! })));
  });
}

/** a1, b1, a2, b2, …: two nodes' streams as the site's stream may hold them. */
const interleave = (a: unknown[], b: unknown[]): unknown[] =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]])
    .flat()
    .filter((e) => e !== undefined);

async function withRecipients(core: Core, names: string[]): Promise<void> {
  const admin = await signedInAdmin(core);
  for (const name of names) await admin.ok('recipients.create', { firstName: name, lastName: 'Lee', unit: '1A' });
}

/** How many transactions `applier` takes for `events` with this clock, and every result. */
function applyAll(applier: Applier, events: unknown[], now: () => number, burst = false) {
  const results: string[] = [];
  let transactions = 0;
  for (let rest = events; rest.length > 0; transactions++) {
    const some = applier.receiveSome(rest, { now, burst });
    expect(some.length).toBeGreaterThan(0);
    results.push(...some);
    rest = rest.slice(some.length);
  }
  return { results, transactions };
}

describe('applying a burst', () => {
  it('takes as many changes in one transaction as its budget allows, and ends with the same rows', async () => {
    const desk = node('desk');
    await withRecipients(
      desk,
      Array.from({ length: 30 }, (_, i) => `Person${i}`),
    );
    const events = published(desk);
    // A clock that does not move: the whole burst fits in one transaction.
    const still = node('door');
    const once = applyAll(
      new Applier({ repos: still.repos, tx: still.tx, clock: still.clock, events: still.events, alerts: still.alerts }),
      events,
      () => 0,
    );
    expect(once).toEqual({ results: events.map(() => 'applied'), transactions: 1 });
    // The clock moves half a millisecond at each look: a roster chunk's 4 ms budget takes a few changes, then commits.
    // And in a burst, as the engine runs one: the name search's merges paused, a step of them in each transaction.
    const busy = node('lobby');
    let t = 0;
    busy.repos.recipients.pauseSearchMerges();
    const applier = new Applier({ repos: busy.repos, tx: busy.tx, clock: busy.clock, events: busy.events, alerts: busy.alerts });
    const timed = applyAll(applier, events, () => (t += 0.5), true);
    busy.repos.recipients.resumeSearchMerges();
    expect(timed.results).toEqual(events.map(() => 'applied'));
    expect(timed.transactions).toBeGreaterThan(1);
    expect(timed.transactions).toBeLessThan(events.length);
    expect(sharedRecipients(still)).toEqual(sharedRecipients(desk));
    expect(sharedRecipients(busy)).toEqual(sharedRecipients(desk));
    const found = busy.recipients.search({ query: 'Person17', status: 'active', limit: 50, offset: 0 });
    expect(found.items.map((r) => r.firstName)).toEqual(['Person17']);
  });

  it('holds a change whose write fails, and what follows it from the same node, while the rest commits', async () => {
    const [desk, lobby, door] = [node('desk'), node('lobby'), node('door')];
    await withRecipients(desk, ['Ana', 'Bo']);
    await withRecipients(lobby, ['Boom', 'Cy']);
    // Each node's whole stream, in order: its staff account and audit rows travel beside the recipients.
    const fromDesk = published(desk);
    const fromLobby = published(lobby);
    // This node refuses one row, as a constraint the merge did not foresee would.
    door.db.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON recipients WHEN new.first_name = 'Boom' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    const applier = new Applier({ repos: door.repos, tx: door.tx, clock: door.clock, events: door.events, alerts: door.alerts });
    /** The results of the recipients' changes among `events`, by first name. */
    const recipientResults = (events: unknown[]) => {
      const results = applier.receiveSome(events, { now: () => 0 });
      return Object.fromEntries(
        events.flatMap((e, i) => {
          const event = e as { entity: string; fields: { first_name?: string } };
          return event.entity === 'recipient' ? [[event.fields.first_name, results[i]]] : [];
        }),
      );
    };
    // The lobby's stream interleaved with the desk's: what follows Boom from the lobby waits, the desk's commit.
    expect(recipientResults(interleave(fromDesk, fromLobby))).toEqual({
      Ana: 'applied',
      Bo: 'applied',
      Boom: 'held',
      Cy: 'held',
    });
    expect(sharedRecipients(door).map((r) => r.first_name)).toEqual(expect.arrayContaining(['Ana', 'Bo']));
    expect(sharedRecipients(door)).toHaveLength(2);

    door.db.exec('DROP TRIGGER refuse');
    expect(recipientResults([...fromLobby, ...fromDesk])).toEqual({ Boom: 'applied', Cy: 'applied', Ana: 'duplicate', Bo: 'duplicate' });
    const everyone = [...sharedRecipients(desk), ...sharedRecipients(lobby)].sort((a, b) => String(a.uid).localeCompare(String(b.uid)));
    expect(sharedRecipients(door)).toEqual(everyone);
  });
});
