import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit, contract and in-process end-to-end tests. The few tests that start real
 * processes (signals, exit codes, stderr) are `npm run test:process` (vitest.process.config.ts).
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/process/**', '**/node_modules/**'],
    // Nothing here waits on a process; hooks build indexes (economy.test.ts: 2,000 passages).
    testTimeout: 15_000,
    hookTimeout: 60_000,
  },
});
