/**
 * Builds a content tree the way a writer does (`npm run build`), in a child
 * process, into a temporary folder; and parses what it wrote.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { inject } from 'vitest';
import { COMPILE_CACHE_DIR } from '../../src/config/environment.ts';
import { CODE } from '../../src/publish/unchanged.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** "Now" for every test build: the sample's scheduled episode stays scheduled. */
export const TEST_NOW = '2026-11-28T12:00:00+01:00';

export interface BuildResult {
  status: number | null;
  stdout: string;
  stderr: string;
  outDir: string;
}

/**
 * A copy of the project's code (what a build reads of it, CODE in
 * src/publish/unchanged.ts) in `dest`, node_modules linked to the
 * repository's: `scripts/build.ts` run from there builds the same site.
 */
export function copyProject(dest: string): string {
  mkdirSync(dest, { recursive: true });
  for (const entry of CODE) {
    if (existsSync(path.join(ROOT, entry))) cpSync(path.join(ROOT, entry), path.join(dest, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dest, 'node_modules'));
  return dest;
}

/**
 * The project whose scripts/build.ts this test file runs. Two builds of one
 * checkout render their pages one after the other (scripts/build.ts), so
 * with test files running two at a time (vitest.config.ts) the second lane
 * builds from the copy of the project the global setup made
 * (`inject('projectCopy')`), and the two lanes' builds never wait for each
 * other. Outside a test worker (the global setup), the repository.
 */
export function buildProject(): string {
  if (!process.env.VITEST_POOL_ID || process.env.VITEST_POOL_ID === '1') return ROOT;
  return inject('projectCopy') || ROOT;
}

/**
 * Runs `scripts/build.ts` (or another script) with the given content tree
 * and "now", from the repository or from `project`, a copy of it; always in
 * the repository's folder, so that the paths it prints read the same.
 */
export function runScript(
  script: string,
  { contentDir, outDir = mkdtempSync(path.join(tmpdir(), 'rotative-out-')), now = TEST_NOW, env = {}, args = [] }: {
    contentDir: string;
    outDir?: string;
    now?: string;
    env?: Record<string, string>;
    args?: string[];
  },
  project = ROOT,
): BuildResult {
  const result = spawnSync(process.execPath, [path.join(project, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      ROTATIVE_CONTENT_DIR: path.resolve(ROOT, contentDir),
      ROTATIVE_OUT_DIR: outDir,
      ROTATIVE_NOW: now,
      // The build's own process keeps its compiled code too, where the pages
      // process keeps it (scripts/build.ts): a test run makes ~90 builds.
      NODE_COMPILE_CACHE: path.join(ROOT, COMPILE_CACHE_DIR),
      ...env,
    },
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outDir };
}

/** `npm run build` on a content tree, from this test file's project (buildProject). */
export function buildSite(options: Parameters<typeof runScript>[1]): BuildResult {
  return runScript('scripts/build.ts', options, buildProject());
}

/** Path of a fixture content tree. */
export function fixture(name: string): string {
  return path.join(ROOT, 'tests/fixtures', name, 'content');
}

/** Parses a built HTML page with a real HTML parser. */
export function readPage(outDir: string, pagePath: string): Document {
  const file = path.join(outDir, pagePath.replace(/^\//, ''), pagePath.endsWith('/') ? 'index.html' : '');
  return parseHTML(readFileSync(file, 'utf8')).document;
}
