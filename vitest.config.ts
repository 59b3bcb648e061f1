import { defineConfig } from 'vitest/config';

// The tests' data key (decision 0005): a fixed test key, never a deployment's. Set here so the
// global setups, the test workers and the journeys' server all seal and open with it.
process.env.HONGYI_DATA_KEY ??= 'dGVzdC1vbmx5LWRhdGEta2V5LWZvci1ob25neWktdHM=';

/**
 * E2E=0 leaves the browser journeys out: CI runs them once, on the embedded database, and the
 * PostgreSQL pass runs the HTTP tests only (the journeys go through the same API).
 */
const browserJourneys = {
  test: {
    name: 'e2e',
    root: 'packages/e2e',
    include: ['src/**/*.e2e.test.ts'],
    globalSetup: ['./src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // After the HTTP tests, not beside them: on a two-core machine the journeys' server (in this
    // process) and the browser would otherwise share the cores with the test workers, and the
    // journeys' waits would time out under that load rather than on a defect.
    sequence: { groupOrder: 1 },
  },
};

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'core',
          root: 'packages/core',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts'],
          globalSetup: ['./src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      ...(process.env.E2E === '0' ? [] : [browserJourneys]),
    ],
  },
});
