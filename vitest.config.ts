import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    // A test server on the embedded PGlite compiles its WebAssembly in each test process first.
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/support/closingLineReporter.ts'],
  },
});
