// End-to-end tests: the real shop (web server, outbox relay, a worker process) started by
// scripts/e2e-server.ts on its own database and queue prefix, driven through Debian's Chromium
// (Playwright's own browser download cannot run on the build machines).
import { defineConfig, devices } from '@playwright/test';

// One run owns a port and a database. By default these follow from the runner's pid, so two runs
// on one machine never share them; the workers inherit the runner's environment, so they agree
// with it. (They do share the production build in .next: set NEXT_DIST_DIR to keep one apart —
// Next then records that directory's route types in tsconfig.json.)
process.env.E2E_PORT ??= String(3210 + (process.pid % 700));
process.env.E2E_DATABASE ??= `counter_shelf_e2e_${process.env.E2E_PORT}`;
const port = Number(process.env.E2E_PORT);

/** Specs that change the failure switches or pause queues (shared by every process of the shop under test). */
const SHARED_SWITCHES = /failures(-[a-z]+)?\.spec\.ts$/;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: SHARED_SWITCHES },
    // These flip the failure switches, which the whole shop shares: one at a time, after the rest.
    { name: 'switches', use: { ...devices['Desktop Chrome'] }, testMatch: SHARED_SWITCHES, workers: 1, dependencies: ['chromium'] },
  ],
  webServer: {
    command: 'npx tsx scripts/e2e-server.ts',
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    // SIGTERM lets the server stop its children and clear its queue keys; after 15 s, SIGKILL.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
