// Builds better-sqlite3 for the installed Electron's ABI in build/electron-native/better-sqlite3,
// leaving build/Release/better_sqlite3.node there for main/index.ts (createCore's nativeBinding)
// and electron-builder.yml (extraResources).
//
// node_modules/better-sqlite3 stays built for plain Node, so `npm test` and `npm start` work in
// either order: this script works on a copy, confines @electron/rebuild to that copy, and checks
// afterwards that the Node build in node_modules is byte-for-byte unchanged. Nothing runs on install.
//
//   node scripts/electron-native.mjs [--force]      (npm start and npm run dist call it)
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'better-sqlite3');
const target = join(root, 'build', 'electron-native', 'better-sqlite3');
const binary = join(target, 'build', 'Release', 'better_sqlite3.node');
const stampFile = join(target, '.packroom-electron-native.json');
const nodeBuild = join(source, 'build', 'Release', 'better_sqlite3.node');
const force = process.argv.includes('--force');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const hashOf = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null);
const show = (path) => relative(root, path) || '.';

function fail(message) {
  console.error(`electron-native: ${message}`);
  process.exit(1);
}

if (!existsSync(join(source, 'package.json'))) fail('node_modules/better-sqlite3 is missing; run npm install first.');
if (!existsSync(join(root, 'node_modules', 'electron', 'package.json'))) fail('node_modules/electron is missing; run npm install first.');

const electronVersion = readJson(join(root, 'node_modules', 'electron', 'package.json')).version;
const stamp = JSON.stringify({
  electron: electronVersion,
  betterSqlite3: readJson(join(source, 'package.json')).version,
  platform: process.platform,
  arch: process.arch,
});

if (!force && existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`electron-native: ${show(binary)} is up to date (Electron ${electronVersion}).`);
  process.exit(0);
}

let rebuild;
try {
  ({ rebuild } = await import('@electron/rebuild'));
} catch {
  fail('@electron/rebuild is not installed (it comes with electron-builder); run npm install.');
}

// A fresh copy without the Node build (build/), so nothing stale survives a failed rebuild.
const nodeBuildHash = hashOf(nodeBuild);
rmSync(target, { recursive: true, force: true });
mkdirSync(dirname(target), { recursive: true });
const skip = [join(source, 'build'), join(source, 'node_modules')];
cpSync(source, target, { recursive: true, filter: (path) => !skip.some((dir) => path === dir || path.startsWith(dir + sep)) });

console.log(
  `electron-native: building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch}) in ${show(target)} ...`,
);
try {
  const run = rebuild({
    buildPath: target,
    // Confines the module search to the copy: without it @electron/rebuild walks up to the
    // project's node_modules and would rebuild the Node copy of better-sqlite3 in place.
    projectRootPath: target,
    electronVersion,
    force: true,
    onlyModules: ['better-sqlite3'],
    mode: 'sequential',
  });
  run.lifecycle.on('module-found', (name) => console.log(`electron-native:   ${name}`));
  await run;
} catch (error) {
  rmSync(target, { recursive: true, force: true });
  fail(
    `could not build better-sqlite3 for Electron ${electronVersion}: ${error instanceof Error ? error.message : String(error)}\n` +
      'It needs internet access (a prebuilt binary, or Electron headers) or a C++ toolchain (Python 3 and make/g++, Xcode tools, or Visual Studio Build Tools).',
  );
}

if (hashOf(nodeBuild) !== nodeBuildHash) {
  fail(
    'node_modules/better-sqlite3 was changed by the rebuild, so tests on plain Node may now fail. Run "npm rebuild better-sqlite3" to restore it, and report this.',
  );
}
if (!existsSync(binary)) {
  rmSync(target, { recursive: true, force: true });
  fail(`the rebuild finished but ${show(binary)} is missing.`);
}
writeFileSync(stampFile, stamp);
console.log(`electron-native: built ${show(binary)}.`);
