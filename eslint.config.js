import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import prettier from 'eslint-config-prettier';

// The layers, enforced. Each zone is one folder; a file belongs to the first zone whose `files` match it
// (the zones after it list it in `ignores`), and gets every restriction of its zone. docs/architecture.md explains why.
const because = (message) => (name) => ({ name, message });
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_')).map(because('Domain rules are pure: no Node modules, no I/O.'));
const only = (where) => because(`Only ${where} may import this package.`);
const sqlite = ['better-sqlite3'].map(only('src/db/ (repositories hold all SQL)'));
const mail = ['nodemailer', 'twilio'].map(only('src/services/notifications/'));
const hardware = ['node-hid', 'usb', 'serialport'].map(only('native/ (device drivers)'));
const fileParsers = ['csv-parse', 'csv-parse/sync', 'exceljs'].map(only('src/services/roster/file/ (roster file parsing)'));
// The label models load in the label thread alone: anywhere else they would load (and run) on the door's thread.
const labelModels = ['tesseract.js', 'zxing-wasm', 'zxing-wasm/reader'].map(only('src/services/labels/engine.ts (label reading)'));
// sharp works in libuv's pool, but what it decodes stays in memory: only the label reader and the photos kept with a
// package (checked and made small before they are saved) use it.
const imageCodec = ['sharp'].map(
  only('src/services/labels/engine.ts (label reading) and src/services/attachments/image.ts (photos and signatures kept)'),
);
// A scope, so a pattern: every @nats-io package (transport-node, jetstream, kv, …).
const nats = { group: ['@nats-io/*'], message: "Only src/sync/ (the link between a site's computers) may import NATS." };
const electron = because('src/ and native/ run in plain Node, never under Electron: only main/ imports electron.')('electron');
const folder = (name, message) => ({ group: [`**/${name}`, `**/${name}/**`], message });
const hosts = [folder('renderer', 'The core never imports the UI.'), folder('main', 'The core never imports the desktop host.')];
// src/sync/ by a path that climbs to src/ (a glob would also catch src/domain/sync/ and repositories/sync.ts).
const belowSync = { regex: '^(\\.\\./)+sync(/|$)', message: 'This layer sits below sync/ and may not import it.' };
const above = (...names) => names.map((name) => folder(name, `This layer sits below ${name}/ and may not import it.`));

const zones = [
  {
    name: 'domain: pure rules',
    files: ['src/domain/**'],
    paths: [electron, ...nodeBuiltins, ...sqlite, ...mail, ...hardware, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [
      nats,
      { group: ['node:*'], message: 'Domain rules are pure: no Node modules, no I/O.' },
      ...hosts,
      ...above('db', 'services', 'host', 'cli', 'native'),
      belowSync,
    ],
  },
  {
    name: 'contract: shared with the browser',
    files: ['src/contract/**'],
    paths: [electron, ...nodeBuiltins, ...sqlite, ...mail, ...hardware, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [
      nats,
      { group: ['node:*'], message: 'The contract is loaded by the renderer too: no Node modules.' },
      { regex: '^\\.\\./', message: 'The contract imports nothing from the rest of src/.' },
    ],
  },
  {
    name: 'db: migrations and repositories',
    files: ['src/db/**'],
    paths: [electron, ...mail, ...hardware, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [nats, ...hosts, ...above('services', 'host', 'cli'), belowSync, folder('native', 'Repositories know nothing of devices.')],
  },
  {
    name: 'notification senders',
    files: ['src/services/notifications/**'],
    paths: [electron, ...sqlite, ...hardware, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [nats, ...hosts, ...above('host', 'cli'), belowSync],
  },
  {
    name: 'roster file parsing',
    files: ['src/services/roster/file/**'],
    paths: [electron, ...sqlite, ...mail, ...hardware, ...labelModels, ...imageCodec],
    patterns: [nats, ...hosts, ...above('host', 'cli'), belowSync],
  },
  {
    name: 'label reading: the models',
    files: ['src/services/labels/engine.ts'],
    paths: [electron, ...sqlite, ...mail, ...hardware, ...fileParsers],
    patterns: [nats, ...hosts, ...above('host', 'cli'), belowSync],
  },
  {
    name: 'attachments: the pictures kept',
    files: ['src/services/attachments/image.ts'],
    paths: [electron, ...sqlite, ...mail, ...hardware, ...fileParsers, ...labelModels],
    patterns: [nats, ...hosts, ...above('host', 'cli'), belowSync],
  },
  {
    name: 'services',
    files: ['src/services/**'],
    paths: [electron, ...sqlite, ...mail, ...hardware, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [nats, ...hosts, ...above('host', 'cli'), belowSync],
  },
  {
    name: "sync: the link between a site's computers",
    files: ['src/sync/**'],
    paths: [electron, ...sqlite, ...mail, ...hardware, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [...hosts, ...above('host', 'cli'), folder('native', 'Sync knows nothing of devices.')],
  },
  {
    name: 'the rest of the core (host, cli, core.ts)',
    files: ['src/**'],
    paths: [electron, ...sqlite, ...mail, ...hardware, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [nats, ...hosts],
  },
  {
    name: 'native: device drivers',
    files: ['native/**'],
    paths: [electron, ...sqlite, ...mail, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [
      nats,
      ...hosts,
      {
        regex: '^(\\.\\./)+src/(?!contract/devices$)',
        message: 'native/ imports nothing from src/ but the device types in src/contract/devices.ts.',
      },
    ],
  },
  {
    name: 'main: the channel list the sandboxed preload bundles',
    files: ['main/channels.ts'],
    paths: [
      ...sqlite,
      ...mail,
      ...hardware,
      ...fileParsers,
      ...labelModels,
      ...imageCodec,
      because('channels.ts is bundled into the preload: keep zod out.')('zod'),
    ],
    patterns: [
      nats,
      { regex: '^\\.\\./src/(?!contract/events$)', message: 'channels.ts may import only the zod-free src/contract/events.' },
    ],
  },
  {
    name: 'main: the security policy as pure functions',
    files: ['main/policy.ts'],
    paths: [
      because('policy.ts stays free of electron so every rule is unit-tested without it.')('electron'),
      ...sqlite,
      ...mail,
      ...hardware,
    ],
    patterns: [nats],
  },
  {
    name: 'main: the desktop host',
    files: ['main/**'],
    paths: [...sqlite, ...mail, ...hardware, ...fileParsers, ...labelModels, ...imageCodec],
    patterns: [nats],
  },
  {
    name: 'renderer: the sandboxed browser',
    files: ['renderer/**'],
    paths: [because('The renderer talks to the core only through invoke/on.')('electron')],
    patterns: [
      nats,
      {
        regex: '^(\\.\\./)+(src|native|main)/(?!contract(/|$))',
        message: 'The renderer may import only the API contract from src/ (src/contract).',
      },
      { group: ['node:*'], message: 'The renderer runs in a sandboxed browser: no Node modules.' },
    ],
  },
];

export const layerZones = zones.map(({ name, files, paths, patterns }, index) => ({
  name: `layers/${name}`,
  files,
  ignores: zones.slice(0, index).flatMap((zone) => zone.files.filter((glob) => glob.startsWith(files[0].replace('**', '')))),
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerZones,
  {
    // tsconfig.pure.json type-checks these folders without Node types or the DOM; a reference would bring them back.
    files: ['src/domain/**', 'src/contract/**'],
    rules: { '@typescript-eslint/triple-slash-reference': ['error', { lib: 'never', path: 'never', types: 'never' }] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  // Formatting belongs to Prettier (npm run format); this turns off the rules that would fight it.
  prettier,
);
