import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Its own tier: `npm run test:reliability` (vitest.reliability.config.ts).
    exclude: [...configDefaults.exclude, 'tests/reliability/**'],
    // End-to-end tests start real processes (npm, tsx); a shared CI machine can be slow.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
