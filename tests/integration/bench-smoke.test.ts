/**
 * `npm run bench`, small: the generated corpus is deterministic and valid
 * under our own validation, the covers are real photographs' weight, and a
 * 2-article run with covers prints the table with its four builds and
 * finite ratios.
 * (The big benchmark is run by hand: see the README, « Benchmark ».)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_NOW, countWords, generateCorpus, TAGS } from '../../scripts/bench/corpus.ts';
import { COVER_HEIGHT, COVER_WIDTH, makeCover } from '../../scripts/bench/covers.ts';
import { ROOT, runScript } from '../helpers/build.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'rotative-bench-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Every file under `dir`, relative path → contents. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!rel.isFile()) continue;
    const abs = path.join(rel.parentPath, rel.name);
    files.set(path.relative(dir, abs), readFileSync(abs, 'utf8'));
  }
  return files;
}

describe('benchmark corpus', () => {
  it('is the same bytes every time, with the shape the benchmark needs', () => {
    const a = path.join(temp, 'corpus-a');
    const b = path.join(temp, 'corpus-b');
    const plan = generateCorpus(a, 400, { covers: true });
    generateCorpus(b, 400, { covers: true });
    const treeA = readTree(a);
    expect(treeA).toEqual(readTree(b));

    expect(readdirSync(path.join(a, 'authors'))).toHaveLength(10);
    expect(readdirSync(path.join(a, 'categories'))).toHaveLength(8);
    expect(readdirSync(path.join(a, 'series'))).toHaveLength(5);
    const articles = plan.articles.map((p) => treeA.get(p.file)!);
    expect(articles).toHaveLength(400);
    for (const text of articles) {
      const words = countWords(text);
      expect(words).toBeGreaterThanOrEqual(600);
      expect(words).toBeLessThanOrEqual(900);
      expect(text).toMatch(/^## /m);
      expect(text).toMatch(/^(- |1\. )/m);
      expect(text).toMatch(/^> /m);
      expect(text).toMatch(/\]\(https:\/\//);
      expect(text).toMatch(/^  src: \.\/[a-z0-9-]+\.jpg$/m);
      const published = /^publishedAt: (.+)$/m.exec(text)![1]!;
      expect(new Date(published).getTime()).toBeLessThan(new Date(BENCH_NOW).getTime());
    }
    expect(articles.filter((t) => /<Quote by="[^"]+" role="[^"]+">/.test(t))).toHaveLength(100);
    const episodes = articles.map((t) => /^series: (.+)\nepisode: (\d+)$/m.exec(t)).filter((m) => m !== null);
    expect(episodes).toHaveLength(40);
    expect(new Set(episodes.map((m) => `${m[1]}#${m[2]}`)).size).toBe(40);
    expect(new Set(episodes.map((m) => m[1])).size).toBe(5);
    const tags = new Set(articles.flatMap((t) => [.../^tags: \[(.*)\]$/m.exec(t)![1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1])));
    expect(tags).toEqual(new Set(TAGS));
    const years = new Set(plan.articles.map((p) => p.file.split('/')[1]));
    expect(years.size).toBeGreaterThan(10);
  });

  it('makes distinct 1600×900 JPEG covers that do not compress trivially', async () => {
    const [first, second] = await Promise.all([makeCover(0), makeCover(1)]);
    const meta = await sharp(first).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: COVER_WIDTH, height: COVER_HEIGHT });
    expect(first.length).toBeGreaterThan(100_000);
    expect(first.equals(second)).toBe(false);
    expect((await makeCover(0)).equals(first)).toBe(true);
  });
});

/** Runs the benchmark and returns the four figures of each row of its table, checked finite and positive. */
function runBench(args: string[]): Record<string, number[]> {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 400_000,
  });
  expect(result.status, result.stderr.slice(-4000)).toBe(0);
  const stdout = result.stdout;
  expect(stdout).toMatch(/^Machine: .+, \d+ cores, [\d.]+ GB RAM, .+; Node v\d+/m);
  const rows: Record<string, number[]> = {};
  const names = ['rotative-cold', 'rotative-warm', 'baseline-cold', 'baseline-warm', 'ratio Rotative / baseline, cold', 'ratio Rotative / baseline, warm'];
  for (const name of names) {
    const line = stdout.split('\n').find((l) => l.startsWith(`| ${name} |`));
    expect(line, `row "${name}" in:\n${stdout}`).toBeDefined();
    const cells = line!.split('|').slice(2, -1).map((c) => Number(c.trim()));
    expect(cells).toHaveLength(4);
    for (const value of cells) expect(Number.isFinite(value) && value > 0, `${name}: ${line}`).toBe(true);
    rows[name] = cells;
  }
  return rows;
}

describe('npm run bench', () => {
  // One run, small, with images: the four builds of the table, covers included
  // (encoding covers is what makes --images slow).
  it('--articles 2 --images: builds cold and warm with Rotative and the baseline, prints the table, covers go through both sites', () => {
    const withCovers = path.join(temp, 'bench-content-images');
    runBench(['--articles', '2', '--images', '--runs', '1', '--corpus', withCovers]);
    const check = runScript('scripts/check.ts', { contentDir: withCovers, now: BENCH_NOW, args: ['--content-only'] });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/2 articles, .* 2 images publiées/);
  }, 420_000);

  it('generates a 50-article corpus that passes our own validation', () => {
    // The corpus the benchmark writes with --corpus, without its builds.
    const corpus = path.join(temp, 'bench-content');
    generateCorpus(corpus, 50, { covers: false });
    const check = runScript('scripts/check.ts', { contentDir: corpus, now: BENCH_NOW, args: ['--content-only'] });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/50 articles, 10 auteurs, 8 rubriques, 5 séries/);
  });
});
