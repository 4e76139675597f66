// Builds every runtime: the Node core + CLI, the Electron main and preload, and the staff UI.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { rmSync } from 'node:fs';
import { threadSourcePlugin } from './threadSource.mjs';

rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  loader: { '.sql': 'text' },
  plugins: [threadSourcePlugin],
  logLevel: 'warning',
};

await Promise.all([
  esbuild({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist/core', format: 'esm', packages: 'external' }),
  esbuild({
    ...common,
    entryPoints: { index: 'main/index.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    packages: 'external',
    external: ['electron'],
  }),
  // A sandboxed preload may require only 'electron': bundle everything else into it.
  esbuild({
    ...common,
    entryPoints: { preload: 'main/preload.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
  }),
]);
await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('Built dist/core, dist/main and dist/renderer.');
