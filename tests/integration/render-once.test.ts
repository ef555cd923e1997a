/**
 * Render once: an article is rendered again only when something its result
 * depends on changed, and never served stale. Each build below runs on a
 * copy of the basic fixture with a cache of its own; the build summary says
 * how many articles were rendered and how many came from the cache, Astro's
 * log says which pages it rendered and which its incremental build reused,
 * and the pages say whether the change reached readers.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture, readPage } from '../helpers/build.ts';
import { diffTrees, snapshotTree } from '../helpers/tree.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-render-once-'));
const content = path.join(work, 'content');
const cacheDir = path.join(work, 'cache');
const EPISODE = path.join(content, 'articles/2016/premier-episode/index.mdx');
const LANCEMENT = path.join(content, 'articles/2016/lancement.mdx');

function build(outName: string, cache = cacheDir) {
  // ROTATIVE_VERBOSE: Astro logs every path it writes (see pathStates).
  const result = buildSite({ contentDir: content, outDir: path.join(work, outName), env: { ROTATIVE_CACHE_DIR: cache, ROTATIVE_VERBOSE: '1' } });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  const m = /rendu : (\d+) articles? rendus?, (\d+) repris du cache/.exec(result.stdout);
  expect(m, result.stdout).not.toBeNull();
  const built = { ...result, rendered: Number(m![1]), fromCache: Number(m![2]) };
  if (cache === cacheDir) latest = { built, content: JSON.stringify(snapshotTree(content)) };
  return built;
}

/** The latest build of this file with its own cache, and the content it was made from. */
let latest: { built: ReturnType<typeof build>; content: string } | undefined;

/**
 * A site of the content as it is now: the latest build when nothing changed
 * since (a build of the same content makes the same site, see the first
 * test), else a new one. Only its pages are read, never its summary.
 */
function currentSite(outName: string): ReturnType<typeof build> {
  return latest?.content === JSON.stringify(snapshotTree(content)) ? latest.built : build(outName);
}

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};

const bodyText = (outDir: string, slug: string) => readPage(outDir, `/articles/${slug}/`).querySelector('.article__body')?.textContent ?? '';

let cold: ReturnType<typeof build>;
/** The first test's rebuild of the cold build's content, nothing changed (the index pages' test reads it too). */
let unchangedRebuild: ReturnType<typeof build> | undefined;

beforeAll(() => {
  cpSync(fixture('basic'), content, { recursive: true });
  cold = build('cold');
});

describe('render once', () => {
  it('renders every visible article on a cold build, none on an unchanged rebuild, with byte-identical output', () => {
    expect(cold.rendered).toBe(2);
    expect(cold.fromCache).toBe(0);
    const warm = build('warm');
    unchangedRebuild = warm;
    expect(warm.rendered).toBe(0);
    expect(warm.fromCache).toBe(2);
    expect(diffTrees(snapshotTree(cold.outDir), snapshotTree(warm.outDir))).toEqual([]);
  });

  it('re-renders only the edited article, and its page shows the edit', () => {
    edit(LANCEMENT, 'Le lancement a eu lieu.', 'Le lancement a bien eu lieu, en 2012.');
    const next = build('edited');
    expect(next.rendered).toBe(1);
    expect(next.fromCache).toBe(1);
    expect(bodyText(next.outDir, 'lancement')).toContain('Le lancement a bien eu lieu, en 2012.');
    const feed = readFileSync(path.join(next.outDir, 'rss.xml'), 'utf8');
    expect(feed).toContain('Le lancement a bien eu lieu, en 2012.');
  });

  it('re-renders an article whose <ReadAlso> target changed its title', () => {
    edit(LANCEMENT, 'title: "Le lancement"', 'title: "Le grand lancement"');
    const next = build('retitled');
    // The retitled article's body did not change; the episode that links to it did.
    expect(next.rendered).toBe(1);
    expect(readPage(next.outDir, '/articles/premier-episode/').querySelector('.read-also a')?.textContent).toBe('Le grand lancement');
    // Its own page shows the new title, though its body did not change.
    expect(readPage(next.outDir, '/articles/lancement/').querySelector('h1')?.textContent).toBe('Le grand lancement');
    // Its share card, drawn anew under new names: the old card's four files leave the cache, which holds what the site publishes.
    expect(next.stdout).toMatch(/fichiers publiés, 4 fichiers inutilisés retirés du cache \(\d+ Ko\)/);
    const cards = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('partage-lancement-')).sort();
    expect(cards(path.join(cacheDir, 'images'))).toEqual(cards(path.join(next.outDir, '_images')));
    expect(cards(path.join(cacheDir, 'images'))).toHaveLength(4);
  });

  it('re-renders an article when an image of its body is replaced', async () => {
    const before = currentSite('before-image');
    const figure = (out: string) => readPage(out, '/articles/premier-episode/').querySelector('figure.figure img')?.getAttribute('src');
    const image = path.join(content, 'articles/2016/premier-episode/schema.png');
    const { width, height } = await sharp(image).metadata();
    writeFileSync(image, await sharp({ create: { width: width!, height: height!, channels: 3, background: '#3366cc' } }).png().toBuffer());
    const next = build('new-image');
    expect(next.rendered).toBe(1);
    expect(figure(next.outDir)).not.toBe(figure(before.outDir));
    expect(existsIn(next.outDir, figure(next.outDir)!)).toBe(true);
  });

  it('re-renders every article when the site origin changes (feed links are absolute)', () => {
    const result = buildSite({ contentDir: content, outDir: path.join(work, 'origin'), env: { ROTATIVE_CACHE_DIR: cacheDir, SITE_URL: 'https://autre.example' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/rendu : 2 articles rendus, 0 repris du cache/);
    expect(readFileSync(path.join(result.outDir, 'rss.xml'), 'utf8')).toContain('https://autre.example/articles/lancement/');
  });

  it('ignores a corrupt cache entry with a one-line notice, and renders the article again', () => {
    const renderDir = path.join(cacheDir, 'bodies');
    const files = readdirSync(renderDir, { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(renderDir, f))
      .filter((f) => statSync(f).isFile());
    for (const file of files) writeFileSync(file, '{"format":1,"key":"not this one"');
    const next = build('corrupt');
    expect(next.rendered).toBe(2);
    expect(next.stdout).toMatch(/remarque : cache de rendu : entrée ignorée/);
    expect(bodyText(next.outDir, 'lancement')).toContain('Le lancement a bien eu lieu, en 2012.');
  });
});

describe('pages reused by the incremental build', () => {
  it('show a page of content/pages/ added since, in their footer (a reused page is never stale)', () => {
    const before = currentSite('before-page');
    const footerLinks = (out: string) => [...readPage(out, '/articles/lancement/').querySelectorAll('footer a')].map((a) => a.getAttribute('href'));
    expect(footerLinks(before.outDir)).not.toContain('/qui-sommes-nous/');
    mkdirSync(path.join(content, 'pages'), { recursive: true });
    writeFileSync(path.join(content, 'pages/qui-sommes-nous.mdx'), '---\ntitle: "Qui sommes-nous"\ndescription: "La rédaction."\n---\n\nLa rédaction.\n');
    const after = build('after-page');
    expect(footerLinks(after.outDir)).toContain('/qui-sommes-nous/');
  });
});

/**
 * What Astro did with each path it wrote, from its log (logLevel info): a
 * path its incremental build reused is logged « (cached) » or « (restored) »,
 * a rendered one with its render time.
 */
function pathStates(stdout: string): Map<string, 'rendered' | 'reused'> {
  const states = new Map<string, 'rendered' | 'reused'>();
  // eslint-disable-next-line no-control-regex
  for (const line of stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const m = /[├└]─ (\/\S*) (.*)$/.exec(line);
    if (m) states.set(m[1]!, /\((cached|restored)\)/.test(m[2]!) ? 'reused' : 'rendered');
  }
  return states;
}

/** Outputs of the routes without getStaticPaths, which cannot give a cacheKey: rendered on every build. */
const STATIC_ROUTES = new Set([
  '/index.html',
  '/404.html',
  '/archives/index.html',
  '/articles/index.html',
  '/auteurs/index.html',
  '/rubriques/index.html',
  '/series/index.html',
  '/tags/index.html',
  '/mentions-legales/index.html',
  '/accessibilite/index.html',
  '/corrections/index.html',
  '/recherche/index.html',
  '/rss.xml',
  '/atom.xml',
  '/feed.json',
  '/sabonner/index.html',
  '/news-sitemap.xml',
  '/robots.txt',
  '/edition/index.html',
  '/edition/rss.xml',
  '/edition/atom.xml',
  '/edition/feed.json',
]);

/** The index pages of the fixture (and feeds of its rubriques, series, authors and tags), each a path of a dynamic route. */
const INDEX_PAGES = [
  '/archives/2016/index.html',
  '/archives/2016/05/index.html',
  '/archives/2012/index.html',
  '/archives/2012/09/index.html',
  '/rubriques/cloud/index.html',
  '/rubriques/mobile/index.html',
  '/rubriques/cloud/rss.xml',
  '/rubriques/mobile/atom.xml',
  '/tags/cloud-souverain/index.html',
  '/tags/openstack/index.html',
  '/auteurs/alice-martin/index.html',
  '/auteurs/bruno-petit/index.html',
  '/series/un-an-apres/index.html',
  '/series/un-an-apres/feed.json',
  '/auteurs/alice-martin/rss.xml',
  '/tags/cloud-souverain/atom.xml',
  '/edition/2016-S19/index.html',
  '/edition/2016-S19/email.html',
  '/edition/2012-S36/email.html',
];

/** Paths of the dynamic routes (every one gives a cacheKey), as Astro logged them. */
const dynamicPaths = (states: Map<string, string>) => [...states.keys()].filter((p) => !STATIC_ROUTES.has(p));
const reused = (states: Map<string, string>) => [...states].filter(([, s]) => s === 'reused').map(([p]) => p);
const rendered = (states: Map<string, string>) => [...states].filter(([, s]) => s === 'rendered').map(([p]) => p);
// The titles of the article cards (or episodes) of a page, with plain spaces (typesetting adds no-break ones).
const cardTitles = (out: string, page: string) =>
  [...readPage(out, page).querySelectorAll('.card__title, .episode__title')].map((h) => h.textContent?.replace(/[\u00A0\u202F]/g, ' ').trim());

describe('index pages reused by the incremental build', () => {
  const PREMIER = 'Un an après : le premier épisode';
  const RETITLED = 'Un an après : le tout premier épisode';

  it('are reused by an unchanged rebuild, with byte-identical output', () => {
    // The first test's rebuild: the cold build's content, nothing changed.
    expect(unchangedRebuild, 'the first test ran').toBeDefined();
    const [before, after] = [cold, unchangedRebuild!];
    const states = pathStates(after.stdout);
    for (const page of INDEX_PAGES) expect(states.get(page), page).toBe('reused');
    // Every path of a dynamic route has a key: none is rendered again.
    expect(rendered(states).filter((p) => !STATIC_ROUTES.has(p))).toEqual([]);
    expect(states.get('/index.html')).toBe('rendered');
    expect(diffTrees(snapshotTree(before.outDir), snapshotTree(after.outDir))).toEqual([]);
  });

  it('re-render the pages that list an article whose title changed, and reuse the others', () => {
    edit(EPISODE, `title: "${PREMIER}"`, `title: "${RETITLED}"`);
    const next = build('index-retitled');
    const states = pathStates(next.stdout);
    const listing = [
      '/rubriques/cloud/',
      '/tags/cloud-souverain/',
      '/tags/openstack/',
      '/auteurs/alice-martin/',
      '/auteurs/bruno-petit/',
      '/archives/2016/',
      '/archives/2016/05/',
      '/series/un-an-apres/',
      '/edition/2016-S19/',
    ];
    expect(readPage(next.outDir, '/articles/premier-episode/').querySelector('h1')?.textContent?.replace(/\u00A0/g, ' ')).toBe(RETITLED);
    for (const page of listing) {
      expect(states.get(`${page}index.html`), page).toBe('rendered');
      expect(cardTitles(next.outDir, page), page).toContain(RETITLED);
      expect(cardTitles(next.outDir, page), page).not.toContain(PREMIER);
    }
    expect(states.get('/edition/2016-S19/email.html')).toBe('rendered');
    expect(readFileSync(path.join(next.outDir, '/edition/2016-S19/email.html'), 'utf8')).toContain('le tout premier épisode');
    expect(states.get('/edition/2012-S36/email.html')).toBe('reused');
    for (const feed of ['/rubriques/cloud/rss.xml', '/series/un-an-apres/atom.xml', '/auteurs/bruno-petit/rss.xml', '/tags/openstack/feed.json']) {
      expect(states.get(feed), feed).toBe('rendered');
      expect(readFileSync(path.join(next.outDir, feed), 'utf8'), feed).toContain('le tout premier épisode');
    }
    // The 2012 archive lists the other article only; the mobile rubrique, nothing.
    for (const page of ['/archives/2012/index.html', '/archives/2012/09/index.html', '/rubriques/mobile/index.html', '/rubriques/mobile/rss.xml']) {
      expect(states.get(page), page).toBe('reused');
    }
    expect(cardTitles(next.outDir, '/archives/2012/')).toEqual([expect.stringContaining('lancement')]);
  });

  it('re-render every index page when a rubrique or the site is renamed, and match a build from an empty cache', () => {
    writeFileSync(path.join(content, 'categories/cloud.yaml'), readFileSync(path.join(content, 'categories/cloud.yaml'), 'utf8').replace('title: Cloud', 'title: Nuage'));
    const renamed = build('index-rubrique');
    let states = pathStates(renamed.stdout);
    // The header of every page lists the rubriques.
    expect(reused(states)).toEqual([]);
    for (const page of INDEX_PAGES) expect(states.get(page), page).toBe('rendered');
    const nav = (page: string) => [...readPage(renamed.outDir, page).querySelectorAll('.site-nav a')].map((a) => a.textContent);
    expect(nav('/rubriques/mobile/')).toContain('Nuage');
    expect(nav('/rubriques/mobile/')).not.toContain('Cloud');
    expect(readPage(renamed.outDir, '/archives/2012/').querySelector('.card__kicker')?.textContent).toContain('Nuage');

    edit(path.join(content, 'site.yaml'), 'name: "La Gazette de Test"', 'name: "La Gazette d’Essai"');
    const site = build('index-site');
    states = pathStates(site.stdout);
    expect(dynamicPaths(states).filter((p) => states.get(p) !== 'rendered')).toEqual([]);
    for (const page of ['/archives/2012/', '/tags/openstack/', '/auteurs/bruno-petit/', '/rubriques/mobile/', '/series/un-an-apres/']) {
      expect(readPage(site.outDir, page).querySelector('.site-header__name')?.textContent, page).toBe('La Gazette d’Essai');
    }
    expect(readFileSync(path.join(site.outDir, 'rubriques/mobile/rss.xml'), 'utf8')).toContain('La Gazette d’Essai');

    // Whatever the builds above reused, the site is the one a build with no cache makes.
    const fresh = build('index-fresh', path.join(work, 'fresh-cache'));
    expect(diffTrees(snapshotTree(fresh.outDir), snapshotTree(site.outDir))).toEqual([]);
  });
});

function existsIn(outDir: string, sitePath: string): boolean {
  try {
    return statSync(path.join(outDir, sitePath)).isFile();
  } catch {
    return false;
  }
}
