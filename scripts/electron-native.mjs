// Builds better-sqlite3 for the installed Electron's ABI, for one OS and CPU architecture, in
// build/electron-native/<os>-<arch>/better-sqlite3 (os as electron-builder's ${os}: mac, linux, win),
// leaving build/Release/better_sqlite3.node there for main/runtime.ts (devNativeBinding) and
// electron-builder.yml (extraResources reads ${os}-${arch}).
//
// node_modules/better-sqlite3 stays built for plain Node, so `npm test` and `npm start` work in
// either order: this script works on a copy, confines @electron/rebuild to that copy, and checks
// afterwards that the Node build in node_modules is byte-for-byte unchanged. Nothing runs on install.
//
//   node scripts/electron-native.mjs [--force] [--arch x64|arm64|ia32|armv7l]   (npm start: the host's arch)
//
// electron-builder.yml also runs it as its beforePack hook, once per target architecture (an
// `npm run dist -- --arm64` or each half of a macOS universal build), so a package never ships
// the build machine's binary for another CPU. Another CPU's binary comes from better-sqlite3's
// prebuilt Electron binaries (internet needed) or a cross-compiler; another OS is refused.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'better-sqlite3');
const nodeBuild = join(source, 'build', 'Release', 'better_sqlite3.node');

/** electron-builder's `${os}` for a Node platform (main/runtime.ts builderOs says the same). */
export const builderOs = (platform) => (platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : platform);
/** electron-builder's Arch enum (builder-util) by number, as a beforePack context carries it. */
const builderArchNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The folder this script builds into for one OS and architecture. */
export const nativeTarget = (platform, arch) => join(root, 'build', 'electron-native', `${builderOs(platform)}-${arch}`, 'better-sqlite3');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const hashOf = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null);
const show = (path) => relative(root, path) || '.';

class NativeBuildError extends Error {}

function fail(message) {
  throw new NativeBuildError(`electron-native: ${message}`);
}

/** Builds (or reuses) better-sqlite3 for Electron on `platform`-`arch`; returns the binary's path. */
export async function buildElectronNative({ platform = process.platform, arch = process.arch, force = false } = {}) {
  if (platform !== process.platform) {
    fail(`cannot build better-sqlite3 for ${platform} on ${process.platform}: build each OS's packages on that OS.`);
  }
  const target = nativeTarget(platform, arch);
  const binary = join(target, 'build', 'Release', 'better_sqlite3.node');
  const stampFile = join(target, '.packroom-electron-native.json');
  if (!existsSync(join(source, 'package.json'))) fail('node_modules/better-sqlite3 is missing; run npm install first.');
  if (!existsSync(join(root, 'node_modules', 'electron', 'package.json'))) fail('node_modules/electron is missing; run npm install first.');

  const electronVersion = readJson(join(root, 'node_modules', 'electron', 'package.json')).version;
  const stamp = JSON.stringify({
    electron: electronVersion,
    betterSqlite3: readJson(join(source, 'package.json')).version,
    platform,
    arch,
  });

  if (!force && existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log(`electron-native: ${show(binary)} is up to date (Electron ${electronVersion}).`);
    return binary;
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

  console.log(`electron-native: building better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}) in ${show(target)} ...`);
  try {
    const run = rebuild({
      buildPath: target,
      // Confines the module search to the copy: without it @electron/rebuild walks up to the
      // project's node_modules and would rebuild the Node copy of better-sqlite3 in place.
      projectRootPath: target,
      electronVersion,
      arch,
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
  return binary;
}

/** electron-builder's beforePack hook: the binding for the architecture being packed. */
export async function beforePack(context) {
  const arch = builderArchNames[context.arch];
  if (!arch || arch === 'universal') fail(`unexpected target architecture ${String(context.arch)}.`);
  await buildElectronNative({ platform: context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName, arch });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const archFlag = process.argv.indexOf('--arch');
  try {
    await buildElectronNative({ force: process.argv.includes('--force'), arch: archFlag > 0 ? process.argv[archFlag + 1] : process.arch });
  } catch (error) {
    console.error(error instanceof NativeBuildError ? error.message : error);
    process.exit(1);
  }
}
