// npm start [-- --kiosk --data DIR]: builds, builds better-sqlite3 for Electron, runs the desktop app.
// npm run dist [-- electron-builder args]: the same, then packages with electron-builder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const packaging = args.includes('--package');
const passThrough = args.filter((arg) => arg !== '--package');

/**
 * The electron package's main export is the binary's path; it throws "Electron failed to install
 * correctly" when the binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, no internet).
 */
function electronBinary() {
  let binary;
  try {
    binary = require('electron');
  } catch (error) {
    if (error?.code === 'MODULE_NOT_FOUND' && /'electron'/.test(String(error.message))) {
      console.error('Packroom cannot start the desktop app: the electron package is not installed. Run npm install, then npm start again.');
      process.exit(1);
    }
    return null;
  }
  return typeof binary === 'string' && existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  const skipSet = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD is set in this shell: unset it first)' : '';
  console.error(
    'Packroom cannot start the desktop app: the Electron binary is not installed. npm installed the electron package without ' +
      'downloading Electron itself, as it does when ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set or the download failed. To get it, on a ' +
      `machine with internet access run "npm rebuild electron" or "node node_modules/electron/install.js"${skipSet}, then run ${packaging ? 'npm run dist' : 'npm start'} again. ` +
      'Meanwhile "npm run serve" runs the same app headless and prints the address to open the staff UI in a browser.',
  );
  process.exit(1);
}

function run(command, commandArgs, shell = false) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell });
  if (result.error) {
    console.error(`Could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// `npm run build`; through the npm that launched us when there is one, so no shell is needed.
if (process.env.npm_execpath) run(process.execPath, [process.env.npm_execpath, 'run', 'build']);
else run('npm', ['run', 'build'], process.platform === 'win32');
run(process.execPath, [resolve(root, 'scripts', 'electron-native.mjs')]);

if (packaging) {
  run(process.execPath, [require.resolve('electron-builder/cli.js'), ...passThrough]);
  process.exit(0);
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain Node
const child = spawn(binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`Could not start Electron (${binary}): ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
