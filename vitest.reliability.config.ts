import { defineConfig } from 'vitest/config';

// The reliability tier: regression tests for the attack run (issue 16). Some start real bot
// processes and send them signals, so it runs on its own (`npm run test:reliability`), in CI.
export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Fills the sentence vector cache for the bundled knowledge once, before any file runs.
    globalSetup: ['tests/helpers/meaning-setup.ts'],
  },
});
