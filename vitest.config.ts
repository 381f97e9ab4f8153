import { defineConfig } from 'vitest/config';

// Tests run on the compiled output (`npm test` builds first): tsc emits the decorator
// metadata that type-graphql and TypeORM need, and Piscina workers load plain JS.
export default defineConfig({
  test: {
    include: ['dist/**/*.test.js'],
    exclude: ['node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['dist/e2e/global-setup.js'],
  },
});
