/**
 * Builds a content tree the way a writer does (`npm run build`), in a child
 * process, into a temporary folder; and parses what it wrote.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** "Now" for every test build: the sample's scheduled episode stays scheduled. */
export const TEST_NOW = '2026-11-28T12:00:00+01:00';

export interface BuildResult {
  status: number | null;
  stdout: string;
  stderr: string;
  outDir: string;
}

/** Runs `scripts/build.ts` (or another script) with the given content tree and "now". */
export function runScript(
  script: string,
  { contentDir, outDir = mkdtempSync(path.join(tmpdir(), 'rotative-out-')), now = TEST_NOW, env = {}, args = [] }: {
    contentDir: string;
    outDir?: string;
    now?: string;
    env?: Record<string, string>;
    args?: string[];
  },
): BuildResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      ROTATIVE_CONTENT_DIR: path.resolve(ROOT, contentDir),
      ROTATIVE_OUT_DIR: outDir,
      ROTATIVE_NOW: now,
      ...env,
    },
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outDir };
}

/** `npm run build` on a content tree. */
export function buildSite(options: Parameters<typeof runScript>[1]): BuildResult {
  return runScript('scripts/build.ts', options);
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
