/**
 * Text files made the way an attacker would make them: each is refused in plain words, within seconds
 * and a few hundred megabytes, or read as text. The 50 MB line is parsed in a process of its own
 * (parseInChild) so its time and peak memory are measured alone.
 */
import { describe, expect, it } from 'vitest';
import { messageText } from '../../../src/contract';
import { rosterFileLimits } from '../../../src/services/roster/file/limits';
import { parseRosterFile, RosterFileError } from '../../../src/services/roster/file/parse';
import { parseInChild } from '../../helpers/hostile';
import { csvBytes } from './helpers';

async function refusal(bytes: Uint8Array, name = 'roster.csv'): Promise<RosterFileError> {
  const error = await parseRosterFile(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RosterFileError);
  return error as RosterFileError;
}

describe('hostile CSV files', () => {
  it('refuses a 50 MB line with no line break, in seconds and little memory', async () => {
    for (const [name, bytes] of [
      ['line.csv', csvBytes('x'.repeat(50 * 1024 * 1024))],
      ['header-then-line.csv', csvBytes(`Name,Unit\n${'x,'.repeat(25 * 1024 * 1024)}`)],
    ] as const) {
      const parsed = await parseInChild(bytes, name);
      console.info(`${name}: ${parsed.ms.toFixed(0)} ms, peak ${parsed.maxRssMb.toFixed(0)} MB`);
      expect(parsed).toMatchObject({ read: false, problem: 'too-large' });
      expect(parsed.message).toMatch(/^Line [12] is longer than 1,048,576 characters/);
      expect(parsed.ms).toBeLessThan(30_000);
      expect(parsed.maxRssMb).toBeLessThan(600);
    }
  }, 300_000);

  it('refuses a quote that is never closed once its record outgrows the limit, pointing at where it opened', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `t${i},Lee Ann ${i},${i}`);
    lines.splice(3, 0, 't,"never closed,1');
    const error = await refusal(csvBytes(`ID,Name,Unit\n${lines.join('\n')}\n`));
    expect(messageText(error.sentence)).toBe('This file could not be read: a quote (") opened on or after line 5 is never closed.');
  });

  it('refuses a row with a filled cell beyond the last column a roster may use, and trims empty padding', async () => {
    const wide = csvBytes(`Name,Unit\nLee,101${','.repeat(20_000)}x\n`);
    expect(messageText((await refusal(wide)).sentence)).toMatch(/^Row 2 has a filled cell beyond column 512/);
    const padded = await parseRosterFile(csvBytes(`Name,Unit\nLee,101${','.repeat(20_000)}\n`), 'padded.csv');
    expect(padded.rows).toEqual([{ line: 2, cells: ['Lee', '101'] }]);
  });

  it('refuses more cells than the limit', async () => {
    const row = `${'1,'.repeat(499)}1\n`;
    const rows = Math.ceil(rosterFileLimits.cells / 500) + 1;
    const error = await refusal(csvBytes(`${'h,'.repeat(499)}h\n${row.repeat(rows)}`));
    expect(error.problem).toBe('too-large');
    expect(messageText(error.sentence)).toMatch(/more than 5,000,000 cells/);
  }, 120_000);

  it('refuses NUL bytes and random binary as not a roster, without a crash', async () => {
    expect((await refusal(csvBytes('Name,Unit\nLee\u0000,101\n'))).problem).toBe('binary');
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect((await refusal(noise, 'noise.csv')).problem).toBe('binary');
  });

  it('reads text in an encoding it does not know (Shift JIS) as text, not as a crash', async () => {
    // 山田 in Shift JIS: not UTF-8, so read as Windows-1252; staff see odd letters in the preview, not an error.
    const bytes = Uint8Array.from([...csvBytes('Name,Unit\n'), 0x8e, 0x52, 0x93, 0x63, ...csvBytes(',101\n')]);
    const table = await parseRosterFile(bytes, 'sjis.csv');
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.cells[1]).toBe('101');
  });
});
