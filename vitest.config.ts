import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';
import { threadSourceVitePlugin } from './scripts/threadSource.mjs';

// Migrations are plain .sql files; esbuild bundles them with its text loader, so tests load them the same way.
const sqlAsText: Plugin = {
  name: 'sql-as-text',
  enforce: 'pre',
  load(id) {
    if (!id.endsWith('.sql')) return null;
    return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
  },
};

export default defineConfig({
  plugins: [sqlAsText, threadSourceVitePlugin],
  test: {
    // .tsx: component tests, each in happy-dom (`// @vitest-environment happy-dom`); the rest stay on node.
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // For a loaded 2-core machine: no test waits for time, so these only bound a test that hangs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for a state; its default of 1 s is too short for one on a busy machine.
    expect: { poll: { timeout: 20_000 } },
  },
});
