#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/core/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('packroom: Packroom is not built yet. Run "npm run build" in the Packroom folder first.\n');
  process.exit(1);
}
await import(cli.href);
