/**
 * Fixture builds that several test files read, made once per test run: the
 * first file that asks for one builds it (the others wait for it), into the
 * run's folder the global setup provides (`inject('sharedBuilds')`), removed
 * when the run ends. A test file must only read a shared build: one that
 * changes the site copies it first.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { buildSite, fixture, type BuildResult } from './build.ts';

/** The shared builds, each with what `npm run build` is given. */
const SHARED = {
  /** The basic fixture, at the root of https://gazette.example. */
  basic: { contentDir: fixture('basic'), env: {} },
  /** The basic fixture hosted under a path: SITE_URL=https://example.org/magazine/. */
  'basic-under-path': { contentDir: fixture('basic'), env: { SITE_URL: 'https://example.org/magazine/' } },
} satisfies Record<string, { contentDir: string; env: Record<string, string> }>;

export type SharedBuildName = keyof typeof SHARED;

/** Builds `name` once per run (or waits for the file that builds it) and returns the result. */
export async function sharedBuild(name: SharedBuildName): Promise<BuildResult> {
  const dir = inject('sharedBuilds');
  const resultFile = path.join(dir, `${name}.json`);
  let owner = false;
  try {
    // mkdir is atomic: exactly one test file gets to build.
    mkdirSync(path.join(dir, `${name}.lock`));
    owner = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (owner) {
    const { contentDir, env } = SHARED[name];
    const result = buildSite({ contentDir, env, outDir: path.join(dir, name) });
    writeFileSync(resultFile, JSON.stringify(result));
    return result;
  }
  for (const deadline = Date.now() + 600_000; !existsSync(resultFile); ) {
    if (Date.now() > deadline) throw new Error(`the shared build "${name}" did not finish in 10 minutes`);
    await sleep(200);
  }
  return JSON.parse(readFileSync(resultFile, 'utf8')) as BuildResult;
}
