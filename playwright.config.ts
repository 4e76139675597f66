import { defineConfig } from '@playwright/test';
import { availableParallelism } from 'node:os';

/** Debian's Chromium: Playwright's own browser download is not available on our machines. */
export default defineConfig({
  testDir: 'test/e2e',
  // Sized for a loaded 2-core machine (each test starts its own `packroom serve` and browser page): tests wait for
  // states, never for time, so a slow machine only makes them slower, and these bound a test that hangs. With
  // `stress-ng --cpu 2` beside other work (load 24), door.spec.ts's tests took up to 2.0 min each.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  // At least two: on a 2-core machine already busy (load 20), door.spec.ts took 3.2 min with two workers against
  // 4.3 min with one (Playwright's default there), each test at most 72 s. More cores, Playwright's half of them.
  workers: Math.max(2, Math.floor(availableParallelism() / 2)),
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.PACKROOM_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    },
    viewport: { width: 1280, height: 800 },
    // Mantine honours it (respectReducedMotion): dialogs and menus appear at once instead of fading in.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
  },
});
