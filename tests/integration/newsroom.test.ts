/**
 * The editors' fields, end to end: « à la une », correction notices (page,
 * JSON-LD, feeds), renamed articles that keep their URLs (redirect pages,
 * `_redirects`, the refusal to lose a URL), and embargoes that end. Each build
 * runs on a copy of the basic fixture, changed here as a writer would.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture, readPage, ROOT, type BuildResult } from '../helpers/build.ts';
import { snapshotTree } from '../helpers/tree.ts';

const PYTHON = '/usr/bin/python3';
const ORIGIN = 'https://echo.example';
const root = mkdtempSync(path.join(tmpdir(), 'rotative-newsroom-'));
const content = path.join(root, 'content');
const outDir = path.join(root, 'dist');
const articles = path.join(content, 'articles/2016');
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Inserts front-matter lines after the opening `---` of an article. */
function addFrontMatter(file: string, lines: string): void {
  const source = readFileSync(file, 'utf8');
  writeFileSync(file, source.replace(/^(\uFEFF?---\r?\n)/, `$1${lines}\n`));
}

function article(name: string, frontMatter: string): void {
  writeFileSync(
    path.join(articles, name),
    `---\n${frontMatter}\nauthors: [alice-martin]\ncategory: cloud\n---\n\nTexte de l’article.\n`,
  );
}

function jsonLdOf(doc: Document): Record<string, unknown>[] {
  return [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!) as Record<string, unknown>);
}

function sitemapUrls(dir: string): string[] {
  const xml = new XMLParser();
  const index = xml.parse(readFileSync(path.join(dir, 'sitemap-index.xml'), 'utf8'));
  const locs = [index.sitemapindex.sitemap].flat().map((s: { loc: string }) => s.loc);
  return locs.flatMap((loc) => [xml.parse(readFileSync(path.join(dir, new URL(loc).pathname), 'utf8')).urlset.url].flat().map((u: { loc: string }) => u.loc));
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a newsroom build, then a rename with an alias, then a rename without one', () => {
  let first: BuildResult;
  let second: BuildResult;
  let third: BuildResult;
  let firstHome: Document;
  let firstArticle: Document;
  let feeds: Record<string, { entries: { link: string; content: string[]; updated_ts: number | null }[] }>;
  let beforeThird: Record<string, string>;

  beforeAll(() => {
    cpSync(fixture('basic'), content, { recursive: true });
    // The oldest article, without a cover, put « à la une » and corrected twice.
    addFrontMatter(
      path.join(articles, 'lancement.mdx'),
      [
        'une: true',
        'corrections:',
        '  - at: 2016-05-20T09:30:00+02:00',
        '    text: "Une première version donnait une mauvaise date de lancement."',
        '  - at: 2016-06-01T10:00:00+02:00',
        '    text: "Le nom du fondateur était mal orthographié !"',
      ].join('\n'),
    );
    article('embargo.mdx', 'title: "Sous embargo"\ndescription: "Disponible jusqu’en 2027."\npublishedAt: 2016-03-01T08:00:00+01:00\nexpiresAt: 2027-01-15T00:00:00+01:00');
    article('ancien-titre.mdx', 'title: "Un titre"\ndescription: "Bientôt renommé."\npublishedAt: 2016-03-03T08:00:00+01:00');
    article('perime.mdx', 'title: "Périmé"\ndescription: "Retiré en janvier."\npublishedAt: 2016-03-02T08:00:00+01:00\nexpiresAt: 2026-01-01T00:00:00+01:00');
    first = buildSite({ contentDir: content, outDir, env: { SITE_URL: ORIGIN } });
    if (first.status === 0) {
      firstHome = readPage(outDir, '/');
      firstArticle = readPage(outDir, '/articles/lancement/');
      const files = ['rss.xml', 'atom.xml'].map((f) => path.join(outDir, f));
      const read = spawnSync(PYTHON, [path.join(ROOT, 'tests/helpers/read-feeds.py'), ...files], { encoding: 'utf8' });
      const byPath = JSON.parse(read.stdout) as Record<string, (typeof feeds)[string]>;
      feeds = { rss: byPath[files[0]!]!, atom: byPath[files[1]!]! };
    }

    // The writer renames the file and keeps the old address.
    const renamed = path.join(articles, 'nouveau-titre.mdx');
    renameSync(path.join(articles, 'ancien-titre.mdx'), renamed);
    addFrontMatter(renamed, 'aliases: [ancien-titre]');
    second = buildSite({ contentDir: content, outDir, env: { SITE_URL: ORIGIN } });

    // Then renames it again and forgets the alias of the address it had.
    const source = readFileSync(renamed, 'utf8');
    rmSync(renamed);
    writeFileSync(path.join(articles, 'titre-final.mdx'), source);
    beforeThird = snapshotTree(outDir);
    third = buildSite({ contentDir: content, outDir, env: { SITE_URL: ORIGIN } });
  });

  it('builds, and the home page leads with the article « à la une » even without a cover', () => {
    expect(first.status, first.stderr + first.stdout).toBe(0);
    expect(firstHome.querySelector('.lead h2 a')?.getAttribute('href')).toBe('/articles/lancement/');
    expect(firstHome.querySelector('.lead img')).toBeNull();
  });

  it('shows dated correction notices below the byline, typeset, and moves « Mis à jour le »', () => {
    const notices = [...firstArticle.querySelectorAll('.article__header .corrections .correction')];
    expect(notices).toHaveLength(2);
    expect(text(notices[0]).replace(/\u00A0/g, ' ')).toContain('Correction du 20 mai 2016 à 9 h 30');
    expect(text(notices[0])).toContain('mauvaise date de lancement');
    // French typography: a no-break space before « ! ».
    expect(notices[1]!.textContent).toMatch(/orthographié[\u00A0\u202F]!/);
    expect(notices[1]!.querySelector('time')?.getAttribute('datetime')).toBe('2016-06-01T10:00:00+02:00');
    const dates = firstArticle.querySelectorAll('.byline__dates time');
    expect(text(firstArticle.querySelector('.byline__dates'))).toContain('Mis à jour le');
    expect(dates[1]?.getAttribute('datetime')).toBe('2016-06-01T10:00:00+02:00');
  });

  it('gives the NewsArticle its CorrectionComments and dateModified', () => {
    const news = jsonLdOf(firstArticle).find((ld) => ld['@type'] === 'NewsArticle')!;
    expect(news.dateModified).toBe('2016-06-01T10:00:00+02:00');
    expect(news.correction).toEqual([
      { '@type': 'CorrectionComment', text: 'Une première version donnait une mauvaise date de lancement.', datePublished: '2016-05-20T09:30:00+02:00' },
      { '@type': 'CorrectionComment', text: expect.stringMatching(/orthographié[\u00A0\u202F]!$/), datePublished: '2016-06-01T10:00:00+02:00' },
    ]);
  });

  it('puts the notices at the top of the feed item, and dates the item with the latest correction', () => {
    for (const format of ['rss', 'atom'] as const) {
      const item = feeds[format]!.entries.find((e) => e.link === `${ORIGIN}/articles/lancement/`)!;
      const html = item.content[0]!;
      expect(html.indexOf('Correction du')).toBeGreaterThanOrEqual(0);
      expect(html.indexOf('mauvaise date de lancement')).toBeLessThan(html.indexOf('Le lancement a eu lieu'));
    }
    const atomItem = feeds.atom!.entries.find((e) => e.link === `${ORIGIN}/articles/lancement/`)!;
    expect(atomItem.updated_ts).toBe(Date.parse('2016-06-01T10:00:00+02:00') / 1000);
  });

  it('tells search engines when an embargoed article ends, and publishes an expired one nowhere', () => {
    const robots = readPage(outDir, '/articles/embargo/').querySelector('meta[name="robots"]')?.getAttribute('content');
    expect(robots).toContain('unavailable_after: 2027-01-15T00:00:00+01:00');
    expect(existsSync(path.join(outDir, 'articles/perime'))).toBe(false);
    expect(first.stdout).toMatch(/retiré : perime le 2026-01-01T00:00:00\+01:00/);
    expect(first.stdout).toMatch(/sera retiré : embargo le 2027-01-15T00:00:00\+01:00/);
  });

  it('after a rename with an alias: a redirect page at the old URL, a _redirects line, only the new URL in the sitemap', () => {
    expect(second.status, second.stderr + second.stdout).toBe(0);
    const old = readPage(outDir, '/articles/ancien-titre/');
    const target = `${ORIGIN}/articles/nouveau-titre/`;
    expect(old.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(target);
    expect(old.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content')).toBe(`0; url=${target}`);
    expect(old.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(old.querySelector('main a[href="/articles/nouveau-titre/"]')).not.toBeNull();
    expect(old.querySelectorAll('script:not([type="application/ld+json"])')).toHaveLength(0);
    expect(readFileSync(path.join(outDir, '_redirects'), 'utf8')).toBe('/articles/ancien-titre/ /articles/nouveau-titre/ 301\n');
    const urls = sitemapUrls(outDir);
    expect(urls).toContain(target);
    expect(urls).not.toContain(`${ORIGIN}/articles/ancien-titre/`);
  });

  it('writes valid HTML for the redirect page and the corrected article (Nu Html Checker)', () => {
    const vnuJar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
    const files = ['articles/ancien-titre/index.html', 'articles/lancement/index.html'].map((f) => path.join(outDir, f));
    const run = spawnSync('java', ['-Xss4m', '-jar', vnuJar, '--format', 'json', '--errors-only', ...files], { encoding: 'utf8', timeout: 120_000 });
    const messages = (JSON.parse(run.stderr) as { messages: { type: string; message: string; url?: string }[] }).messages;
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('refuses a rename that would lose a URL, names the slug and the alias to add, and publishes nothing', () => {
    expect(third.status).toBe(1);
    const out = third.stderr + third.stdout;
    expect(out).toContain('« nouveau-titre »');
    expect(out).toContain('aliases: [nouveau-titre]');
    expect(out).toContain('titre-final.mdx');
    // The first address is still kept by the alias the article carries.
    expect(out).not.toContain('« ancien-titre »');
    expect(snapshotTree(outDir)).toEqual(beforeThird);
  });
});

describe('newsroom fields that are content errors', () => {
  let result: BuildResult;
  let out: string;
  const dir = path.join(root, 'bad');

  beforeAll(() => {
    cpSync(fixture('basic'), dir, { recursive: true });
    const a = path.join(dir, 'articles/2016');
    const write = (name: string, fm: string) =>
      writeFileSync(path.join(a, name), `---\n${fm}\nauthors: [alice-martin]\ncategory: cloud\n---\n\nTexte.\n`);
    write(
      'avant.mdx',
      'title: "Avant"\ndescription: "x"\npublishedAt: 2016-05-12T08:00:00+02:00\ncorrections:\n  - at: 2016-05-10T08:00:00+02:00\n    text: "trop tôt"',
    );
    write('apres.mdx', 'title: "Après"\ndescription: "x"\npublishedAt: 2016-05-12T08:00:00+02:00\ncorrections:\n  - at: 2030-05-10T08:00:00+02:00\n    text: "trop tard"');
    write('vide.mdx', 'title: "Vide"\ndescription: "x"\npublishedAt: 2016-05-12T08:00:00+02:00\ncorrections:\n  - at: 2016-05-13T08:00:00+02:00\n    text: ""');
    write('alias.mdx', 'title: "Alias"\ndescription: "x"\npublishedAt: 2016-05-12T08:00:00+02:00\naliases: [lancement, "Pas Un Slug"]');
    write('renomme.mdx', 'title: "Renommé"\ndescription: "x"\npublishedAt: 2016-05-12T08:00:00+02:00\naliases: [vieux-slug]');
    write('renvoi.mdx', 'title: "Renvoi"\ndescription: "x"\npublishedAt: 2016-05-13T08:00:00+02:00\nrevisits: [vieux-slug]');
    write('expire.mdx', 'title: "Expire"\ndescription: "x"\npublishedAt: 2016-05-12T08:00:00+02:00\nexpiresAt: 2016-05-01T08:00:00+02:00');
    result = buildSite({ contentDir: dir, outDir: path.join(root, 'bad-out') });
    out = result.stderr + result.stdout;
  });

  it('refuses the build', () => {
    expect(result.status).toBe(1);
  });

  it('names file, line and field of each mistake', () => {
    expect(out).toMatch(/avant\.mdx:6\b.*corrections\[0\]\.at.*publishedAt/);
    expect(out).toMatch(/apres\.mdx:6\b.*correction.*2030/);
    expect(out).toMatch(/vide\.mdx:7\b.*corrections\[0\]\.text/);
    expect(out).toMatch(/alias\.mdx:5\b.*lancement.*ancien slug/);
    expect(out).toMatch(/alias\.mdx:5\b.*« Pas Un Slug », qui n’est pas un slug/);
    expect(out).toMatch(/expire\.mdx:5\b.*expiresAt/);
    expect(out).toMatch(/renvoi\.mdx:5\b.*revisits.*écrivez « renomme »/);
  });
});
