import { defineConfig } from '@playwright/test';

// End-to-end tests drive the test build (.output-test, made with CALLMARK_TEST_HOOKS=1)
// in real Chromium; test/e2e/fixtures.ts launches it with the extension loaded.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
});
