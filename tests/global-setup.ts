/**
 * Builds the sample magazine (content/) ONCE per test run, with the test
 * "now", and hands its folder to every test file that needs it through
 * `inject('sampleSite')`: the integration, validator and browser tests all
 * look at the same build instead of each paying for their own. Fixture
 * builds that several files read are made once too, on first demand, in a
 * folder of the run (tests/helpers/shared-builds.ts). Chromium is started
 * once, for every browser test (tests/e2e/browser.ts). The project's code is
 * copied once, for the builds of the second lane (buildProject in
 * tests/helpers/build.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChromiumServer } from './e2e/chromium.ts';
import { buildSite, copyProject, ROOT } from './helpers/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built sample magazine. */
    sampleSite: string;
    /** What the sample build printed (its summary). */
    sampleBuildOutput: string;
    /** Where the fixture builds shared by several test files go (tests/helpers/shared-builds.ts). */
    sharedBuilds: string;
    /** The run's Chromium, to connect to (tests/e2e/browser.ts); '' when Chromium is missing. */
    chromiumEndpoint: string;
    /** A copy of the project's code the second lane's builds run from (buildProject in tests/helpers/build.ts). */
    projectCopy: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'rotative-sample-')), 'dist');
  const result = buildSite({ contentDir: path.join(ROOT, 'content'), outDir });
  if (result.status !== 0) {
    throw new Error(`The sample magazine did not build:\n${result.stdout}\n${result.stderr}`);
  }
  project.provide('sampleSite', outDir);
  project.provide('sampleBuildOutput', result.stdout);
  const shared = mkdtempSync(path.join(tmpdir(), 'rotative-shared-'));
  project.provide('sharedBuilds', shared);
  const copy = mkdtempSync(path.join(tmpdir(), 'rotative-project-'));
  project.provide('projectCopy', copyProject(path.join(copy, 'rotative')));
  const chromium = await startChromiumServer();
  project.provide('chromiumEndpoint', chromium?.wsEndpoint() ?? '');
  return async () => {
    await chromium?.close();
    rmSync(path.dirname(outDir), { recursive: true, force: true });
    rmSync(shared, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  };
}
