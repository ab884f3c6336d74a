import { defineConfig } from 'vitest/config';

/** `npm run test:process`: real processes of each entry, for signals, exit codes and stderr. */
export default defineConfig({
  test: {
    include: ['tests/process/**/*.test.ts'],
    // Each test starts node with tsx; a shared CI machine can be slow to.
    testTimeout: 40_000,
    hookTimeout: 40_000,
    // Fills the sentence vector cache for the bundled knowledge once, before any file runs.
    globalSetup: ['tests/helpers/meaning-setup.ts'],
  },
});
