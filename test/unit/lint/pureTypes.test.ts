import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * tsconfig.pure.json type-checks src/domain and src/contract with no Node types and no DOM, so a Node-only API there
 * fails `npm run typecheck`, not only the lint rule. Each case compiles one in-memory file with that config's
 * options; library files are parsed once and shared between the cases.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const configFile = join(root, 'tsconfig.pure.json');

function pureConfig(): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed || parsed.errors.length > 0) throw new Error(`tsconfig.pure.json does not parse: ${JSON.stringify(parsed?.errors)}`);
  return parsed;
}

let config: ts.ParsedCommandLine;
const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/** The type errors of `text` as a file at `path` (relative to the repository), compiled with the pure config. */
function typeErrors(path: string, text: string): string[] {
  const fileName = join(root, path);
  const host = ts.createCompilerHost(config.options);
  const realGetSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (name) => name === fileName || ts.sys.fileExists(name);
  host.readFile = (name) => (name === fileName ? text : ts.sys.readFile(name));
  host.getSourceFile = (name, languageVersion) => {
    if (name === fileName) return ts.createSourceFile(name, text, languageVersion, true);
    if (!parsedFiles.has(name)) parsedFiles.set(name, realGetSourceFile(name, languageVersion));
    return parsedFiles.get(name);
  };
  const program = ts.createProgram({
    rootNames: [...config.fileNames.filter((f) => f.endsWith('.d.ts')), fileName],
    options: config.options,
    host,
  });
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(fileName))
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

beforeAll(() => {
  config = pureConfig();
});

const nodeOnly: [what: string, text: string, error: RegExp][] = [
  ['Buffer', "export const bytes = Buffer.from('x');", /Cannot find name 'Buffer'/],
  ['process', 'export const env = process.env;', /Cannot find name 'process'/],
  ['a node: import', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;", /Cannot find module 'node:fs'/],
  ['a bare Node module', "import { createHash } from 'crypto';\nexport const hash = createHash;", /Cannot find module 'crypto'/],
  ['a NodeJS type', 'export type Os = NodeJS.Platform;', /Cannot find namespace 'NodeJS'/],
  ['a timer (time comes from the Clock)', 'export const later = setTimeout;', /Cannot find name 'setTimeout'/],
  ['the DOM', 'export const here = document.title;', /Cannot find name 'document'/],
];

describe('tsconfig.pure.json (src/domain, src/contract: no Node types)', () => {
  it.each(nodeOnly)('%s fails the type-check in src/domain', (_what, text, error) => {
    const errors = typeErrors('src/domain/pureFixture.ts', text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(error);
  });

  it('fails the type-check in src/contract the same way', () => {
    expect(typeErrors('src/contract/pureFixture.ts', "export const bytes = Buffer.from('x');")).toEqual([
      expect.stringMatching(/Cannot find name 'Buffer'/),
    ]);
  });

  it('passes a pure file that uses the contract, zod and the ES library', () => {
    const clean = [
      "import { z } from 'zod';",
      "import { message } from '../contract';",
      'export const id = z.string().min(1);',
      "export const said = message('text', { text: [1, 2].at(-1)!.toString() });",
      "export const valid = URL.canParse('smtp://mail.example.com');",
    ].join('\n');
    expect(typeErrors('src/domain/pureFixture.ts', clean)).toEqual([]);
  });

  it('covers every source file in src/domain and src/contract, and loads no Node types by any route', () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.tsx?$/.test(name))
        .map((name) => join(root, dir, name));
    expect(config.fileNames.filter((f) => !f.endsWith('.d.ts')).sort()).toEqual(
      [...sources('src/domain'), ...sources('src/contract')].sort(),
    );

    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const loaded = program.getSourceFiles().map((f) => f.fileName);
    expect(loaded.filter((f) => f.includes('/@types/node/') || /\/lib\.dom\./.test(f))).toEqual([]);
  });

  it('is run by npm run typecheck', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.typecheck).toContain('tsc -p tsconfig.pure.json');
  });

  it('cannot be side-stepped by a triple-slash reference (a lint error there)', async () => {
    const eslint = new ESLint({ cwd: root });
    for (const line of ['/// <reference types="node" />', '/// <reference lib="dom" />']) {
      const [result] = await eslint.lintText(`${line}\nexport const used = 1;\n`, { filePath: join(root, 'src/domain/pureFixture.ts') });
      expect(result!.messages.map((m) => m.ruleId)).toEqual(['@typescript-eslint/triple-slash-reference']);
    }
  });
});
