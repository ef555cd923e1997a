import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    exclude: ['**/node_modules/**', 'tests/fixtures/**', 'tests/bench/**'],
    // Integration tests build whole sites: give them room on a 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
