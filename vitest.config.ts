import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm test`: unit, contract and in-process end-to-end tests. The few tests that start real
 * processes (signals, exit codes, stderr) are `npm run test:process` (vitest.process.config.ts);
 * the attack run's regressions are `npm run test:reliability` (vitest.reliability.config.ts).
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'tests/process/**', 'tests/reliability/**'],
    // Nothing here waits on a process; hooks build indexes (economy.test.ts: 2,000 passages).
    testTimeout: 15_000,
    // Files share a worker's module cache instead of each importing the core, Bolt and discord.js
    // anew: that import was most of the wall time (65 s → about 22 s on 2 cores). The tests keep
    // no state between files (each builds its own assistant, fakes and ports), which this relies on.
    isolate: false,
    maxWorkers: 2,
    hookTimeout: 60_000,
    // Fills the sentence vector cache for the bundled knowledge once, before any file runs.
    globalSetup: ['tests/helpers/meaning-setup.ts'],
  },
});
