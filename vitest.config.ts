import { defineConfig } from 'vitest/config';

/**
 * Two projects, run together by `npm test`:
 * - unit (`npm run test:unit`): tests/unit/, rules and in-process passes,
 *   no site built, no global setup;
 * - integration: every other test file (integration, validators, browser),
 *   which may read the sample magazine the global setup builds once.
 */
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'tests/fixtures/**', 'tests/bench/**'],
    // Integration tests build whole sites: give them room on a 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'tests/fixtures/**', 'tests/bench/**', 'tests/unit/**'],
          globalSetup: ['tests/global-setup.ts'],
        },
      },
    ],
  },
});
