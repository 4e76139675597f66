/**
 * Several PCs, one building (issue 20): the scheduled roster import runs on one node of a site, so two nodes cut
 * off from each other never import the same export and add every new resident twice.
 */
import { spawnSync } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { createCore } from '../../src/core';
import { cliActor } from '../../src/services/audit/service';
import { tempDir, testCore } from '../helpers/core';
import { rosterFixture, rosterFixtures, yardiFile } from '../helpers/roster';

const hour = 3_600_000;

/** A node of site "maple" named `name` whose daily import is due in one hour, with an export waiting in its folder. */
async function node(name: string, rosterNode: string | null) {
  const core = testCore();
  core.repos.sync.configure('maple', name, 'nats://127.0.0.1:1');
  if (rosterNode) core.repos.sync.pinRosterImport(rosterNode);
  if (new Date(core.clock.now()).getHours() >= 22) core.clock.advance(3 * hour);
  const inAnHour = new Date(core.clock.now() + hour);
  const timeOfDay = `${String(inAnHour.getHours()).padStart(2, '0')}:${String(inAnHour.getMinutes()).padStart(2, '0')}`;
  const folder = tempDir('packroom-roster-');
  writeFileSync(join(folder, yardiFile), rosterFixture(yardiFile));
  const at = Date.now() / 1000;
  utimesSync(join(folder, yardiFile), at, at);
  core.start();
  await core.rosterSchedule.configure(cliActor, { enabled: true, folder, timeOfDay, preset: 'yardi' });
  core.clock.advance(hour + 60_000);
  await core.rosterSchedule.settled();
  return core;
}

describe('the daily roster import on a site', () => {
  it('runs on the node the site names', async () => {
    const desk = await node('desk', 'desk');
    expect(desk.rosterSchedule.status().runs).toMatchObject([{ trigger: 'schedule', outcome: 'applied', counts: { added: 8 } }]);
    expect(desk.rosterSchedule.status().schedule).toMatchObject({ elsewhere: null, nextRunAt: expect.any(String) });
  });

  it('does not run on another node, whose Import screen names the node that runs it', async () => {
    const mailroom = await node('mailroom', 'desk');
    expect(mailroom.rosterSchedule.status().runs).toEqual([]);
    expect(mailroom.db.prepare('SELECT count(*) FROM recipients').pluck().get()).toBe(0);
    expect(mailroom.rosterSchedule.status().schedule).toMatchObject({ elsewhere: { node: 'desk' }, nextRunAt: null });
  });

  it('does not run on a node that joined and knows only that the first node runs it', async () => {
    const door = await node('door', null);
    expect(door.rosterSchedule.status().runs).toEqual([]);
    expect(door.rosterSchedule.status().schedule.elsewhere).toEqual({ node: null });
  });
});

describe('packroom import (built) on a node that does not run the daily import', () => {
  it('warns and imports: that is how a site imports while the node that runs it is down', () => {
    const data = tempDir();
    const setUp = testCore({ dataDir: data });
    setUp.repos.sync.configure('maple', 'mailroom', 'nats://127.0.0.1:1');
    setUp.repos.sync.pinRosterImport('desk');
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'packroom.js');
    const result = spawnSync(process.execPath, [bin, 'import', join(rosterFixtures, yardiFile), '--preset', 'yardi', '--data', data], {
      env: { ...process.env, PACKROOM_DATA: '' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'packroom: warning: computer "desk" runs this site\'s roster import, not this one. What is imported here reaches every computer; the same file imported on two computers while they are cut off from each other adds each new resident twice.\n',
    );
    expect(result.stdout).toContain('Applied: 8 added');
  });
});

describe('packroom site status', () => {
  async function statusText(data: string): Promise<string> {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await runCli(['site', 'status', '--data', data], {
      stdout,
      stderr: new PassThrough(),
      staticDir: tempDir(),
      openCore: (dataDir, options) => createCore({ dataDir, env: {}, ...options }),
    });
    expect(code).toBe(0);
    return out;
  }

  it('says which node runs the daily roster import', async () => {
    const data = tempDir();
    const core = testCore({ dataDir: data });
    core.repos.sync.configure('maple', 'mailroom', 'nats://127.0.0.1:1');
    expect(await statusText(data)).toContain("Daily roster import: runs on the site's first node, not on this one.\n");
    core.repos.sync.pinRosterImport('desk');
    expect(await statusText(data)).toContain('Daily roster import: runs on node "desk", not on this one.\n');
    core.repos.sync.pinRosterImport('mailroom');
    expect(await statusText(data)).toContain('Daily roster import: runs on this node.\n');
  });
});
