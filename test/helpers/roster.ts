import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Message, RosterDryRun, RosterPreset, RosterRun } from '../../src/contract';
import { messageText, rosterUploadLimits } from '../../src/contract';
import type { Core } from '../../src/core';
import { cliActor, type Actor } from '../../src/services/audit/service';
import type { client } from './core';

export const rosterFixtures = join(import.meta.dirname, '..', 'fixtures', 'roster');
export const yardiFile = 'yardi-tenant-directory.csv';

/** A Yardi export of `size` residents, t1 … tN, each with a mobile number. */
export function bigExport(size: number, status = (_i: number) => 'Current'): string {
  const lines = ['Unit,Tenant Code,Tenant Name,Status,Email,Phone (Cell)'];
  for (let i = 1; i <= size; i += 1) {
    lines.push(`${100 + (i % 50)},t${i},"Last${i}, First${i}",${status(i)},first${i}@example.com,(212) 555-${String(i).padStart(4, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}

export const count = (core: Core, sql: string) => core.db.prepare(sql).pluck().get() as number;

/** After a first import stopped part-way: every recipient is either absent or whole (one active PIN, one audit row). */
export function expectEveryRecipientWhole(core: Core) {
  expect(
    count(
      core,
      "SELECT count(*) FROM recipients r WHERE (SELECT count(*) FROM access_keys k WHERE k.recipient_id = r.id AND k.status = 'active') != 1",
    ),
  ).toBe(0);
  expect(count(core, 'SELECT count(*) FROM recipients')).toBe(count(core, "SELECT count(*) FROM audit_log WHERE action = 'roster.added'"));
}

/** A first import of `size` residents stopped part-way: at least `atLeast` of them in, each whole, no run recorded yet. */
export function expectStoppedPartWay(core: Core, size: number, atLeast = 1) {
  const partly = count(core, 'SELECT count(*) FROM recipients');
  expect(partly).toBeGreaterThanOrEqual(atLeast);
  expect(partly).toBeLessThan(size);
  expectEveryRecipientWhole(core);
  expect(count(core, 'SELECT count(*) FROM roster_runs')).toBe(0);
}

/** Starts `core` and checks that it finished the interrupted first import of `size` residents, once, as the CLI began it. */
export async function expectFinishedOnStart(core: Core, size: number) {
  core.start();
  await core.rosterSchedule.settled();
  expect(count(core, 'SELECT count(*) FROM recipients')).toBe(size);
  expectEveryRecipientWhole(core);
  expect(count(core, 'SELECT count(*) FROM roster_applies') + count(core, 'SELECT count(*) FROM roster_apply_items')).toBe(0);
  expect(core.roster.runs(5)).toMatchObject([{ outcome: 'applied', trigger: 'cli', counts: { added: size } }]);
}

export function rosterFixture(name: string): Buffer {
  return readFileSync(join(rosterFixtures, name));
}

export function yardiText(): string {
  return rosterFixture(yardiFile).toString('utf8');
}

/** Drops the line of one tenant code from a Yardi export, as if the resident left. */
export function withoutTenant(text: string, tenantCode: string): string {
  return text.replace(new RegExp(`^.*,${tenantCode},.*\\n`, 'm'), '');
}

/** Row errors or warnings with their reasons in English, as the command line prints them. */
export function inEnglish<T extends { reason: Message }>(problems: readonly T[]): (Omit<T, 'reason'> & { reason: string })[] {
  return problems.map((p) => ({ ...p, reason: messageText(p.reason) }));
}

/** A preview's problems and warnings in English. */
export const dryRunInEnglish = (dryRun: RosterDryRun) => ({
  ...dryRun,
  problems: dryRun.problems.map((m) => messageText(m)),
  warnings: dryRun.warnings.map((m) => messageText(m)),
});

/** Import runs with their messages in English, as the audit log has them. */
export const runsInEnglish = (runs: readonly RosterRun[]) =>
  runs.map((run) => ({ ...run, message: run.message && messageText(run.message) }));

export async function preview(
  core: Core,
  content: Buffer | string,
  preset: RosterPreset = 'yardi',
  name = yardiFile,
): Promise<RosterDryRun> {
  return core.roster.dryRun(typeof content === 'string' ? Buffer.from(content) : content, name, { preset });
}

/** Preview, then apply exactly that preview. */
export async function importRoster(
  core: Core,
  content: Buffer | string,
  options: { preset?: RosterPreset; confirm?: boolean; actor?: Actor } = {},
): Promise<{ dryRun: RosterDryRun; run: RosterRun }> {
  const dryRun = await preview(core, content, options.preset ?? 'yardi');
  const run = await core.roster.apply(options.actor ?? cliActor, dryRun.id!, {
    confirmLargeDeactivation: options.confirm ?? false,
    trigger: 'cli',
  });
  return { dryRun, run };
}

export function recipientByExternalId(core: Core, externalId: string) {
  const found = core.repos.recipients.forRoster(0, 1_000_000).find((r) => r.externalId === externalId);
  if (!found) throw new Error(`no recipient ${externalId}`);
  return found;
}

export function pinOf(core: Core, recipientId: number): string {
  return core.credentials.lookupPin(cliActor, recipientId).pin;
}

export function opensDoor(core: Core, pin: string): boolean {
  return core.access.decide({ via: 'pin', secret: pin, device: 'keypad' }).result === 'granted';
}

/** Sends a file the way the Import tab does: base64 chunks through roster.upload. */
export async function uploadFile(api: ReturnType<typeof client>, bytes: Buffer, fileName: string): Promise<string> {
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length; offset += rosterUploadLimits.chunkBytes) {
    const data = bytes.subarray(offset, offset + rosterUploadLimits.chunkBytes).toString('base64');
    const receipt = await api.ok('roster.upload', { ...(uploadId && { uploadId }), fileName, size: bytes.length, offset, data });
    uploadId = receipt.uploadId;
  }
  return uploadId!;
}
