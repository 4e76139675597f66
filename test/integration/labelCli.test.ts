import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { createCore } from '../../src/core';
import { enginePaths } from '../../src/services/labels/thread';
import { labelDataFolder } from '../fixtures/labels/dataFolder';
import { generateLabelSet, type LabelTruth } from '../fixtures/labels/gen';
import { tempDir } from '../helpers/core';

async function packroom(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(argv, { stdout, stderr, staticDir: tempDir(), openCore: (dataDir) => createCore({ dataDir, env: {} }) });
  return { code, stdout: out, stderr: err };
}

interface Line {
  file: string;
  tracking: string | null;
  carrier: string | null;
  recipient: { id: number; residentId: string | null; name: string; unit: string } | null;
  candidates: { id: number; residentId: string | null; name: string; unit: string; score: number }[];
  confidence: number;
  ms: number;
  outcome: string;
  problem: { kind: string; text: string } | null;
}

// Nothing may be downloaded: any HTTP(S) a library tried would go to a port where nothing listens, and fail.
const proxies = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY };
beforeAll(() => {
  process.env.HTTP_PROXY = 'http://127.0.0.1:9';
  process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
});
afterAll(() => {
  for (const [k, v] of Object.entries(proxies)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('packroom label read', () => {
  it(
    'reads the label set against the folder roster: never a wrong recipient, and the figures as lower bounds',
    { timeout: 600_000 },
    async () => {
      const data = tempDir();
      const ids = await labelDataFolder(data);
      const dir = tempDir();
      // The first 20 cases: most of issue 21's hard ones, each clean and photographed.
      const truth = await generateLabelSet(dir, { limit: 20 });
      const result = await packroom('label', 'read', '--json', '--data', data, ...truth.map((t) => join(dir, t.file)));
      expect(result.stderr).toBe('');
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Line);
      expect(lines.map((l) => l.file)).toEqual(truth.map((t) => join(dir, t.file)));

      const wrong = lines.filter((l, i) => l.recipient !== null && l.recipient.id !== (truth[i]!.who ? ids.get(truth[i]!.who!) : -1));
      expect(wrong).toEqual([]);
      const share = (pick: (t: LabelTruth) => boolean, ok: (l: Line, t: LabelTruth) => boolean) => {
        const picked = truth.map((t, i) => [t, lines[i]!] as const).filter(([t]) => pick(t));
        return picked.filter(([t, l]) => ok(l, t)).length / picked.length;
      };
      const filled = (l: Line, t: LabelTruth) => l.recipient?.id === ids.get(t.who!);
      expect(share((t) => t.expect === 'auto' && !t.photographed, filled)).toBeGreaterThanOrEqual(0.9);
      expect(share((t) => t.expect === 'auto' && t.photographed, filled)).toBeGreaterThanOrEqual(0.8);
      expect(
        share(
          (t) => t.expect === 'ambiguous',
          (l, t) =>
            l.candidates
              .slice(0, 3)
              .map((c) => c.id)
              .includes(ids.get(t.who!)!),
        ),
      ).toBeGreaterThanOrEqual(0.8);
      expect(
        share(
          () => true,
          (l, t) => l.tracking === t.tracking,
        ),
      ).toBeGreaterThanOrEqual(0.95);
      expect(
        share(
          () => true,
          (l, t) => l.carrier === t.carrier,
        ),
      ).toBeGreaterThanOrEqual(0.95);
      // The shape: the recipient as the desk shows it.
      const first = lines.find((l) => l.recipient)!;
      expect(Object.keys(first.recipient!).sort()).toEqual(['id', 'name', 'residentId', 'unit']);
      expect(first.ms).toBeGreaterThan(0);
    },
  );

  it('answers each bad file on its own line and goes on', { timeout: 300_000 }, async () => {
    const data = tempDir();
    await labelDataFolder(data);
    const dir = tempDir();
    const files = {
      huge: join(dir, 'huge.jpg'),
      text: join(dir, 'notes.png'),
      tiny: join(dir, 'tiny.png'),
      empty: join(dir, 'empty.jpg'),
      missing: join(dir, 'missing.jpg'),
      box: join(dir, 'box.jpg'),
    };
    writeFileSync(files.huge, Buffer.alloc(50 * 1024 * 1024, 0xff));
    writeFileSync(files.text, 'This is a text file, not a PNG.\n');
    writeFileSync(
      files.tiny,
      await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    writeFileSync(files.empty, '');
    // A frame with no label: a bare box.
    writeFileSync(
      files.box,
      await sharp({ create: { width: 640, height: 480, channels: 3, background: '#a8865a' } })
        .jpeg()
        .toBuffer(),
    );
    const result = await packroom('label', 'read', '--json', '--data', data, ...Object.values(files));
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(lines.map((l) => [l.file, l.problem?.kind ?? null, l.outcome, l.recipient, l.tracking])).toEqual([
      [files.huge, 'tooLarge', 'unreadable', null, null],
      [files.text, 'notImage', 'unreadable', null, null],
      [files.tiny, 'tooSmall', 'unreadable', null, null],
      [files.empty, 'empty', 'unreadable', null, null],
      [files.missing, 'unreadableFile', 'unreadable', null, null],
      [files.box, null, 'unreadable', null, null],
    ]);

    const text = await packroom('label', 'read', '--data', data, files.text, files.box);
    expect(text.stdout.split('\n')).toEqual([
      'notes.png: not read: not a picture (JPEG, PNG, WebP, TIFF or HEIC)',
      expect.stringMatching(
        /^box\.jpg: carrier unknown \(no tracking number\), no ship-to block could be read \[confidence 0\.00, \d+ ms\]$/,
      ),
      '',
    ]);
  });

  it(
    'the built command: its JSON lines and nothing else (Tesseract prints notes such as "Invalid resolution" unless told not to)',
    { timeout: 300_000 },
    async () => {
      const root = join(import.meta.dirname, '..', '..');
      if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before the CLI tests (npm test does).');
      const data = tempDir();
      const ids = await labelDataFolder(data);
      const dir = tempDir();
      // José Núñez, clean and photographed (the photographed one makes Tesseract write notes).
      const truth = (await generateLabelSet(dir, { limit: 13 })).slice(-2);
      // Into files, as a terminal would show them: through a pipe, a thread's last writes can be lost at exit.
      const out = join(dir, 'out.txt');
      const err = join(dir, 'err.txt');
      const [outFd, errFd] = [openSync(out, 'w'), openSync(err, 'w')];
      const run = spawnSync(
        process.execPath,
        [join(root, 'bin', 'packroom.js'), 'label', 'read', '--json', '--data', data, ...truth.map((t) => join(dir, t.file))],
        {
          env: { ...process.env, PACKROOM_DATA: '', HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9' },
          stdio: ['ignore', outFd, errFd],
        },
      );
      closeSync(outFd);
      closeSync(errFd);
      expect(readFileSync(err, 'utf8')).toBe('');
      expect(run.status).toBe(0);
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as Line).recipient?.id)).toEqual([ids.get('nunez-jose'), ids.get('nunez-jose')]);
    },
  );

  it('exits 2 on bad arguments', async () => {
    expect(await packroom('label', 'read')).toMatchObject({ code: 2, stderr: expect.stringContaining('at least one picture') });
    expect(await packroom('label', 'read', '--jsn', 'x.jpg')).toMatchObject({ code: 2 });
    expect(await packroom('label', 'look', 'x.jpg')).toMatchObject({ code: 2 });
    expect(await packroom('label')).toMatchObject({ code: 2 });
  });

  it('loads its models from the npm packages, never from a network address', () => {
    const paths = enginePaths();
    expect(existsSync(join(paths.tessdata, 'eng.traineddata.gz'))).toBe(true);
    expect(readFileSync(paths.zxingWasm).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  });
});
