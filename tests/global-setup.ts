/**
 * Builds the sample magazine (content/) ONCE per test run, with the test
 * "now", and hands its folder to every test file that needs it through
 * `inject('sampleSite')`: the integration, validator and browser tests all
 * look at the same build instead of each paying for their own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, ROOT } from './helpers/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built sample magazine. */
    sampleSite: string;
    /** What the sample build printed (its summary). */
    sampleBuildOutput: string;
  }
}

export default function setup(project: TestProject) {
  const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'rotative-sample-')), 'dist');
  const result = buildSite({ contentDir: path.join(ROOT, 'content'), outDir });
  if (result.status !== 0) {
    throw new Error(`The sample magazine did not build:\n${result.stdout}\n${result.stderr}`);
  }
  project.provide('sampleSite', outDir);
  project.provide('sampleBuildOutput', result.stdout);
  return () => rmSync(path.dirname(outDir), { recursive: true, force: true });
}
