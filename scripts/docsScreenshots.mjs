// Makes the pictures of docs/front-desk.md: runs test/e2e/docs.spec.ts with PACKROOM_DOCS_IMAGES pointing at
// docs/images, so each picture is the screen a passing test saw. Old pictures are removed first, so a picture the
// spec no longer takes does not linger in the guide. Expects a build (`npm run docs:screenshots` builds first).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const images = join(root, 'docs', 'images');
mkdirSync(images, { recursive: true });
for (const file of readdirSync(images)) if (file.endsWith('.png')) rmSync(join(images, file));

const playwright = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const run = spawnSync(process.execPath, [playwright, 'test', 'test/e2e/docs.spec.ts'], {
  cwd: root,
  env: { ...process.env, PACKROOM_DOCS_IMAGES: images },
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
