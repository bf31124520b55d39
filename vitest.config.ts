import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    // A hook that starts a server (or a browser) waits as long as a test may: Vitest's 10 s default
    // timed out three integration files' beforeAll on a machine at load 18 while their tests passed
    // elsewhere.
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one file at a time on a 2-core machine (cores - 1). Most long files wait on
    // child processes, sockets and chromium rather than compute, so two at once roughly halves the
    // suite's wall time here (all 628 tests green side by side, also under load).
    maxWorkers: 2,
  },
});
