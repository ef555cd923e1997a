/**
 * The search index's cache (<cache>/search/) holds index data only: what is
 * written there can never run on the search page, and an entry that was
 * damaged is made again instead of failing every later build.
 */
import { appendFileSync, cpSync, existsSync, globSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture } from '../helpers/build.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-search-cache-'));
const content = path.join(work, 'content');
const cacheDir = path.join(work, 'cache');
let builds = 0;

/** A full build of the fixture into a new output folder, with the shared cache. */
function build() {
  const outDir = path.join(work, `dist-${++builds}`);
  const result = buildSite({ contentDir: content, outDir, env: { ROTATIVE_CACHE_DIR: cacheDir } });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}
const entries = () => globSync('search/*/', { cwd: cacheDir }).map((e) => path.join(cacheDir, e));

beforeAll(() => {
  cpSync(fixture('basic'), content, { recursive: true });
  build();
  expect(entries().length).toBeGreaterThan(0);
});

describe('the search cache', () => {
  it('never serves Pagefind code from the cache: a script added there does not reach the search page', () => {
    for (const entry of entries()) {
      // Whatever the cache holds (an earlier Rotative kept the scripts there).
      for (const name of ['pagefind.js', 'pagefind-worker.js']) {
        const file = path.join(entry, name);
        if (existsSync(file)) appendFileSync(file, '\nalert("cache");\n');
        else writeFileSync(file, 'alert("cache");\n');
      }
    }
    const { outDir, stdout } = build();
    expect(stdout, 'the years come from the cache').toMatch(/0 index annuel fait sur \d+/);
    const scripts = globSync('pagefind/*/*.js', { cwd: outDir });
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(readFileSync(path.join(outDir, script), 'utf8').includes('alert("cache")'), `${script} runs what the cache holds`).toBe(false);
  });

  it('ignores a damaged entry with one line, makes it again, and the next build is clean', () => {
    const damaged = entries();
    for (const entry of damaged) writeFileSync(path.join(entry, 'pagefind-entry.json'), '{"vers');
    const { outDir, stdout, stderr } = build();
    const lines = `${stdout}\n${stderr}`.split('\n').filter((l) => l.includes('en cache ignoré'));
    expect(lines, stderr).toHaveLength(damaged.length);
    expect(lines[0]).toMatch(/^⚠ Index de recherche \d{4} en cache ignoré \(pagefind-entry\.json a été modifié\) : refait/);
    for (const entry of globSync('pagefind/*/pagefind-entry.json', { cwd: outDir })) {
      expect(() => JSON.parse(readFileSync(path.join(outDir, entry), 'utf8')), entry).not.toThrow();
    }
    const again = build();
    expect(`${again.stdout}\n${again.stderr}`).not.toContain('en cache ignoré');
    expect(again.stdout).toMatch(/0 index annuel fait sur \d+/);
  });
});
