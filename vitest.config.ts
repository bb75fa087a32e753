import { defineConfig } from 'vitest/config';

/**
 * Three projects, so the quick loop runs alone (`npm run test:unit`): the domain, the
 * renderer's logic, the core's parts over real files; then everything that starts a real
 * server or a whole core (`test:integration`); then Chromium driving the app (`test:e2e`).
 * `npm test` runs all three.
 */
export default defineConfig({
  test: {
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './test/support/closingLineReporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'test/shared/**/*.test.ts',
            'test/renderer/**/*.test.{ts,tsx}',
            'test/architecture/**/*.test.ts',
            'test/electron/core/{roster,documents,store,background,host}/**/*.test.ts',
            'test/build/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/server/**/*.test.ts', 'test/electron/*.test.ts', 'test/electron/core/{app,sync,process}/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
