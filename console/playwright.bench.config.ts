import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The console's benchmark (npm run bench): the same real jar and docker-registry as the browser tests
// (e2e/global-setup.ts), Debian's chromium, one long test that prints its figures beside their floors.
export default defineConfig({
  ...base,
  testDir: 'bench',
  testMatch: '*.bench.ts',
  outputDir: 'test-results/bench',
  timeout: 60 * 60_000,
  expect: { timeout: 120_000 },
  reporter: [['list']],
  use: { ...base.use, trace: 'off', screenshot: 'off' },
});
