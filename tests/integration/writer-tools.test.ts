/**
 * The writers' tools on a content tree: `npm run new` writes a draft that
 * `npm run check` accepts and refuses a slug that exists; and no build or
 * check ever writes to the content it reads.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSite, fixture, runScript } from '../helpers/build.ts';
import { snapshotTree } from '../helpers/tree.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-writer-tools-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The front matter of an MDX file, parsed as the content phase parses it (timestamps stay strings). */
function frontMatter(file: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'));
  expect(m, `no front matter in ${file}`).not.toBeNull();
  return parse(m![1]!) as Record<string, unknown>;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}$/;
const noStackTrace = (text: string) => expect(text, 'a stack trace was printed').not.toMatch(/^\s+at |\b[A-Z][A-Za-z]*Error\b/m);

describe('npm run new', () => {
  let content: string;
  beforeEach(() => {
    // A copy per test: the fixture itself is never written to.
    content = path.join(mkdtempSync(path.join(work, 'new-')), 'content');
    cpSync(fixture('basic'), content, { recursive: true });
  });
  const newArticle = (title: string, now: string, args: string[] = []) =>
    runScript('scripts/new-article.ts', { contentDir: content, now, args: [title, ...args], outDir: path.join(work, 'unused-out') });

  it('writes a draft under articles/<year>/<slug>.mdx that npm run check accepts', () => {
    const result = newArticle("L'été du cloud : bilan", '2026-07-14T09:30:45+02:00');
    expect(result.status, result.stderr).toBe(0);

    const file = path.join(content, 'articles/2026/l-ete-du-cloud-bilan.mdx');
    expect(existsSync(file), `not written; stdout:\n${result.stdout}`).toBe(true);
    expect(result.stdout).toContain(path.join('articles', '2026', 'l-ete-du-cloud-bilan.mdx'));

    const data = frontMatter(file);
    expect(data.title).toBe("L'été du cloud : bilan");
    expect(data.draft).toBe(true);
    expect(data.publishedAt).toMatch(ISO_WITH_OFFSET);
    // Whole minutes, in Paris time, with the summer offset written out.
    expect(data.publishedAt).toBe('2026-07-14T09:30:00+02:00');
    expect(data.authors).toEqual(['alice-martin']);
    expect(data.category).toBe('cloud');

    const check = runScript('scripts/check.ts', { contentDir: content, args: ['--content-only'], outDir: path.join(work, 'unused-out') });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('✔ Le contenu est valide : 5 articles');
  });

  it('files the article under the year of its date in Paris, not in UTC', () => {
    const result = newArticle('Bonne année', '2016-12-31T23:30:00Z');
    expect(result.status, result.stderr).toBe(0);
    const file = path.join(content, 'articles/2017/bonne-annee.mdx');
    expect(existsSync(file), result.stdout).toBe(true);
    expect(frontMatter(file).publishedAt).toBe('2017-01-01T00:30:00+01:00');
  });

  it('refuses the same title twice, naming the existing file, and leaves it as it was', () => {
    const now = '2026-07-14T09:30:00+02:00';
    expect(newArticle("L'été du cloud : bilan", now).status).toBe(0);
    const file = path.join(content, 'articles/2026/l-ete-du-cloud-bilan.mdx');
    const first = readFileSync(file, 'utf8');

    for (const title of ["L'été du cloud : bilan", 'L’Été du Cloud — bilan !']) {
      const again = newArticle(title, '2026-07-15T10:00:00+02:00');
      expect(again.status, `"${title}" was accepted`).toBe(1);
      expect(again.stderr).toContain('l-ete-du-cloud-bilan');
      expect(again.stderr).toContain('articles/2026/l-ete-du-cloud-bilan.mdx');
      expect(again.stderr).toMatch(/déjà le slug|existe déjà/);
      noStackTrace(again.stderr);
    }
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(readdirSync(path.join(content, 'articles/2026'))).toEqual(['l-ete-du-cloud-bilan.mdx']);
  });

  it('refuses a slug used in another year folder', () => {
    const before = snapshotTree(content);
    const result = newArticle('Lancement', '2026-07-14T09:30:00+02:00');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('articles/2016/lancement.mdx');
    noStackTrace(result.stderr);
    expect(snapshotTree(content)).toEqual(before);
  });

  it('refuses an unknown --author, listing the valid ids', () => {
    const before = snapshotTree(content);
    const result = newArticle('Un titre', '2026-07-14T09:30:00+02:00', ['--author', 'claire-martin']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('✖ --author vaut "claire-martin" ; attendu : l’un de alice-martin, bruno-petit');
    const typo = newArticle('Un titre', '2026-07-14T09:30:00+02:00', ['--author', 'alice-martn']);
    expect(typo.stderr).toContain('vouliez-vous dire "alice-martin" ?');
    noStackTrace(result.stderr);
    expect(snapshotTree(content)).toEqual(before);
  });
});

describe('the content is never written to', () => {
  it('a build and a check of the basic fixture leave it byte-for-byte the same', () => {
    const basic = fixture('basic');
    const before = snapshotTree(basic);
    const outDir = path.join(work, 'out', 'site');
    // A cache of our own: other test files building the same tree never share Astro's data store with us.
    const env = { ROTATIVE_CACHE_DIR: path.join(work, 'cache') };

    const build = buildSite({ contentDir: basic, outDir, env });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    expect(snapshotTree(basic), 'the build wrote to tests/fixtures/basic/content').toEqual(before);

    const check = runScript('scripts/check.ts', { contentDir: basic, outDir, env, args: ['--content-only'] });
    expect(check.status, check.stderr).toBe(0);
    expect(snapshotTree(basic), 'the check wrote to tests/fixtures/basic/content').toEqual(before);
  });
});
