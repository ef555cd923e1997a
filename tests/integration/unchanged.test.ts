/**
 * Nothing changed: a rebuild into the same folder, with the same content,
 * code and settings and before the next scheduled change, leaves the site
 * as it is and says so; any change (content, a file of the site edited by
 * hand, the clock passing a scheduled publication) builds again.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture, readPage } from '../helpers/build.ts';
import { diffTrees, snapshotTree } from '../helpers/tree.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-unchanged-'));
const content = path.join(work, 'content');
const outDir = path.join(work, 'dist');
const cacheDir = path.join(work, 'cache');
const LANCEMENT = path.join(content, 'articles/2016/lancement.mdx');
/** After the fixture's scheduled episode (2030-01-01T08:00+01:00). */
const AFTER_SCHEDULE = '2030-01-02T08:00:00+01:00';

function build(env: Record<string, string> = {}, now?: string) {
  const result = buildSite({ contentDir: content, outDir, env: { ROTATIVE_CACHE_DIR: cacheDir, ...env }, ...(now ? { now } : {}) });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return { ...result, upToDate: /^✔ Site à jour/m.test(result.stdout), full: /^✔ Site construit/m.test(result.stdout) };
}

const homeFile = () => path.join(outDir, 'index.html');

beforeAll(() => {
  cpSync(fixture('basic'), content, { recursive: true });
  expect(build().full).toBe(true);
});

describe('a rebuild with nothing changed', () => {
  it('keeps the site as it is, byte for byte and file for file, and says why', () => {
    const before = snapshotTree(outDir);
    const mtime = statSync(homeFile()).mtimeMs;
    const again = build();
    expect(again.upToDate, again.stdout).toBe(true);
    expect(again.stdout).toMatch(/rien n’est reconstruit \(ROTATIVE_FULL_BUILD=1 reconstruit tout\)/);
    // The summary still says what the site holds, and the next scheduled change.
    expect(again.stdout).toMatch(/^ {2}articles : 2 publiés, 1 programmé, 1 brouillon$/m);
    expect(again.stdout).toMatch(/^ {4}programmé : episode-programme le 2030-01-01T08:00/m);
    expect(again.stdout).toMatch(/^ {2}pages : \d+ pages HTML, \d+ flux/m);
    expect(again.stdout).toMatch(/prochaine reconstruction : 2030-01-01T08:00/);
    expect(again.stdout).not.toMatch(/rendered:/);
    expect(diffTrees(before, snapshotTree(outDir))).toEqual([]);
    expect(statSync(homeFile()).mtimeMs).toBe(mtime);
  });

  it('builds everything when ROTATIVE_FULL_BUILD=1, with the same output', () => {
    const before = snapshotTree(outDir);
    const full = build({ ROTATIVE_FULL_BUILD: '1' });
    expect(full.full, full.stdout).toBe(true);
    expect(diffTrees(before, snapshotTree(outDir))).toEqual([]);
  });

  it('builds again when a file of the site was changed by hand, and puts it back', () => {
    const original = readFileSync(homeFile(), 'utf8');
    writeFileSync(homeFile(), 'vandalisé');
    const next = build();
    expect(next.full, next.stdout).toBe(true);
    expect(readFileSync(homeFile(), 'utf8')).toBe(original);
  });

  it('builds again when an article changed, and the page shows it', () => {
    const text = readFileSync(LANCEMENT, 'utf8');
    writeFileSync(LANCEMENT, text.replace('Le lancement a eu lieu.', 'Le lancement a eu lieu, enfin.'));
    const next = build();
    expect(next.full, next.stdout).toBe(true);
    expect(readPage(outDir, '/articles/lancement/').querySelector('.article__body')?.textContent).toContain('Le lancement a eu lieu, enfin.');
    expect(build().upToDate).toBe(true);
  });

  it('keeps the site when only the clock moved before the next scheduled change, builds once it is reached', () => {
    const scheduledPage = path.join(outDir, 'articles/episode-programme/index.html');
    expect(build({}, '2029-12-31T08:00:00+01:00').upToDate).toBe(true);
    expect(existsSync(scheduledPage)).toBe(false);
    const later = build({}, AFTER_SCHEDULE);
    expect(later.full, later.stdout).toBe(true);
    // Published once its date is reached: its page, and the main feed.
    expect(readPage(outDir, '/articles/episode-programme/').querySelector('h1')?.textContent?.trim()).not.toBe('');
    expect(readFileSync(path.join(outDir, 'rss.xml'), 'utf8')).toContain('/articles/episode-programme/');
  });
});

describe('a rebuild after a front-matter edit', () => {
  it('shows the new title although the body is unchanged (the stored entry is replaced)', () => {
    const text = readFileSync(LANCEMENT, 'utf8');
    expect(text).toContain('title: "Le lancement"');
    writeFileSync(LANCEMENT, text.replace('title: "Le lancement"', 'title: "Le lancement réussi"'));
    const next = build({}, AFTER_SCHEDULE);
    expect(next.full, next.stdout).toBe(true);
    expect(readPage(outDir, '/articles/lancement/').querySelector('h1')?.textContent).toContain('Le lancement réussi');
  });
});

describe('a rebuild with an earlier clock than the previous build', () => {
  // The site in the output folder was last built at AFTER_SCHEDULE (above):
  // it shows the episode scheduled for 2030-01-01. Each test starts from that
  // state: what a build leaves (the site, its schedule file, the cache), as
  // it was before the first test, put back for the second.
  const scheduledPage = path.join(outDir, 'articles/episode-programme/index.html');
  const STATE = [outDir, `${outDir}.rebuild.json`, cacheDir];
  const saved = path.join(work, 'built-after-schedule');
  beforeAll(() => {
    for (const item of STATE) cpSync(item, path.join(saved, path.basename(item)), { recursive: true, preserveTimestamps: true });
  });
  const restoreBuiltAfterSchedule = () => {
    for (const item of STATE) {
      rmSync(item, { recursive: true, force: true });
      cpSync(path.join(saved, path.basename(item)), item, { recursive: true, preserveTimestamps: true });
    }
  };
  const unpublished = () => {
    expect(existsSync(scheduledPage)).toBe(false);
    expect(readFileSync(path.join(outDir, 'rss.xml'), 'utf8')).not.toContain('/articles/episode-programme/');
    expect(readFileSync(path.join(outDir, 'sitemap-0.xml'), 'utf8')).not.toContain('/articles/episode-programme/');
  };

  it('builds again, and the article not due yet leaves pages, feeds and sitemaps (no alias asked)', () => {
    expect(existsSync(scheduledPage)).toBe(true);
    const today = build();
    expect(today.full, today.stdout).toBe(true);
    unpublished();
  });

  it('with ROTATIVE_FULL_BUILD=1 too', () => {
    restoreBuiltAfterSchedule();
    expect(existsSync(scheduledPage)).toBe(true);
    const full = build({ ROTATIVE_FULL_BUILD: '1' });
    expect(full.full, full.stdout).toBe(true);
    unpublished();
  });
});
