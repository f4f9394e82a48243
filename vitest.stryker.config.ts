import { defineConfig } from 'vitest/config';

// The tests Stryker runs against mutants of the engine's protection modules
// (`npm run mutate`, stryker.config.json). Node only; the slow CLI spawning
// case is left out (it re-runs the CLI ten times per mutant), and so are
// the tests that feed tens of megabytes through the instrumented parser.
export default defineConfig({
  test: {
    include: [
      'test/unit/snapshot-limits.test.ts',
      'test/unit/snapshot-io.test.ts',
      'test/unit/future-dates.test.ts',
      'test/unit/ids-golden.test.ts',
      'test/unit/owner-threshold.test.ts',
      'test/unit/protections-edges.test.ts',
      'test/unit/user-number.test.ts',
      'test/unit/decode.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
  },
});
