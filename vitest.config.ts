import { defineConfig } from 'vitest/config';

// Tests run on the compiled output (`npm test` builds first): tsc emits the decorator
// metadata that type-graphql and TypeORM need, and Piscina workers load plain JS.
export default defineConfig({
  test: {
    // the dashboard's own unit tests run from source (a browser app: no decorators, no workers)
    include: ['dist/**/*.test.js', 'dashboard/src/**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['dist/e2e/global-setup.js'],
  },
});
