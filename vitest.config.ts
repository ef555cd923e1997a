import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './tests/sequencer.ts';

const EXCLUDE = ['**/node_modules/**', 'tests/fixtures/**', 'tests/bench/**'];

/**
 * Two projects, run together by `npm test`:
 * - unit (`npm run test:unit`): tests/unit/, rules and in-process passes,
 *   no site built, no global setup;
 * - integration: every other test file (integration, validators, browser),
 *   which may read the sample magazine the global setup builds once.
 *
 * Files run two at a time: a build spends most of its time in one process
 * (Astro's pages), and two builds of this checkout render their pages one
 * after the other (scripts/build.ts), so the second lane builds from a copy
 * of the project (buildProject, tests/helpers/build.ts) and the browser,
 * validator and unit files use the other core meanwhile. The longest files
 * start first (tests/sequencer.ts).
 */
export default defineConfig({
  test: {
    exclude: EXCLUDE,
    // Integration tests build whole sites, and wait for the other lane's
    // build to finish its pages: give them room on a busy 2-core machine (a
    // build that hangs is still stopped, by its own 10-minute limit).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], globalSetup: ['tests/temp-folder.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: [...EXCLUDE, 'tests/unit/**'],
          globalSetup: ['tests/temp-folder.ts', 'tests/global-setup.ts'],
        },
      },
    ],
  },
});
