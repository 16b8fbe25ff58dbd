import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { bootStrings } from './vite.config';

/**
 * Two projects: "unit" (engine, content, CLI in Node; components in jsdom) and
 * "browser" (the built app served on 127.0.0.1, driven in Debian's Chromium).
 * A JSON report feeds the "N passed, N failed" line of .ci/run.
 */
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        plugins: [react(), bootStrings()],
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Key derivation (600,000 PBKDF2 iterations) and child processes take seconds on a busy
          // two-core machine. A limit against hangs, never a speed check (npm run bench measures speed).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
