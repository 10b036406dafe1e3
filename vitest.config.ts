import { defineConfig } from 'vitest/config';

/**
 * One vitest run covers every suite. Server-side suites run in node; designer component tests in jsdom.
 * Persistence suites run on PGlite always and on PostgreSQL when `TEST_DATABASE_URL` (or the local
 * default, see test/fixtures/databases.ts) answers.
 */
export default defineConfig({
  test: {
    globals: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a state (a button enabled, a computed field); vitest's 1 s default is shorter
    // than a busy 2-core machine may need to render it, the same reason testing-library waits 30 s.
    expect: { poll: { timeout: 30_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'engine/**/*.test.ts',
            'forms/**/*.test.ts',
            'dealer-rules/**/*.test.ts',
            'workflows/**/*.test.ts',
            'api/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: ['test/browser/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'designer',
          environment: 'jsdom',
          include: ['designer/**/*.test.{ts,tsx}'],
          setupFiles: ['designer/test-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/fixtures/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
