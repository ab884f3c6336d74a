import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit, contract and in-process end-to-end tests. The few tests that start real
 * processes (signals, exit codes, stderr) are `npm run test:process` (vitest.process.config.ts).
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/process/**', '**/node_modules/**'],
    // Fakes on 127.0.0.1 and fast-check runs; the machine may be shared, but nothing waits long.
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
