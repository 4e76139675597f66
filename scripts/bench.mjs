// Bundles the benchmarks like the app (SQL migrations as text) and runs them in plain Node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { threadSourcePlugin } from './threadSource.mjs';

await build({
  entryPoints: ['bench/run.ts'],
  outfile: 'dist/bench/run.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  loader: { '.sql': 'text' },
  plugins: [threadSourcePlugin],
  define: { 'import.meta.dirname': JSON.stringify(new URL('../bench', import.meta.url).pathname) },
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['dist/bench/run.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
