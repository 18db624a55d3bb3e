import { defineConfig } from '@playwright/test';

// Browser tests against the real gateway jar and a real docker-registry, both started by e2e/global-setup.ts.
// The browser is Debian's chromium (apt-get install chromium fonts-noto-cjk); Playwright downloads none.
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    locale: 'zh-CN',
    timezoneId: 'UTC',
    viewport: { width: 1440, height: 900 },
    // a failed test's trace keeps each action's DOM snapshots and sources, not the screencast of every frame: recording
    // it cost a fifth of the tests' time on a 2-core machine (two specs 60 s → 47 s, 2026-12-02); the failure's own
    // screenshot is kept below
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
