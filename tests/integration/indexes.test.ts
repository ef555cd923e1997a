/**
 * The index pages (DESIGN §3): home and its pages, series, rubriques, tags,
 * authors and the 404 page, read from built sites with a real HTML parser.
 *
 * - the basic fixture: every index exists and links its articles, and the
 *   draft (« brouillon ») and the scheduled episode (« episode-programme »)
 *   appear on none;
 * - two content trees generated here for the pagination edges: rubriques of
 *   0, 1 and 21 articles (and a home of 22), then a rubrique, tag, author and
 *   home of exactly 20;
 * - the sample magazine (built once by tests/global-setup.ts).
 *
 * The hubs (/rubriques/, /auteurs/, /tags/, /archives/ and its years and
 * months), /articles/, /mentions-legales/ and the footer are checked on both
 * built sites against what the article pages themselves say (their rubrique,
 * authors, tags and date).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fr } from '../../src/i18n/fr.ts';
import { buildSite, fixture, readPage } from '../helpers/build.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
// Like text, but keeps no-break spaces (`\s` would match them).
const prose = (el: Element | null | undefined) => el?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim() ?? '';
const NBSP = '\u00A0';
const exists = (site: string, pagePath: string) => existsSync(path.join(site, pagePath, 'index.html'));
/** The article links of the cards of a page, in order. */
/** The articles listed, as cards or (on the home page) as briefs, in page order. */
const cards = (doc: Document) => [...doc.querySelectorAll('.card__title a, .brief__title a')].map((a) => a.getAttribute('href'));
/** Every link to an article anywhere in the page's main content. */
const articleLinks = (doc: Document) =>
  [...doc.querySelectorAll('main a[href^="/articles/"]')].map((a) => a.getAttribute('href'));
const pagination = (doc: Document) => doc.querySelector('nav.pagination');

/** Every HTML file of a built site, as page paths (`/`, `/rubriques/cloud/`, `/404.html`). */
function htmlPages(site: string, dir = ''): string[] {
  return readdirSync(path.join(site, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return htmlPages(site, rel);
    if (!entry.name.endsWith('.html')) return [];
    return [entry.name === 'index.html' ? `/${dir}${dir ? '/' : ''}` : `/${rel}`];
  });
}

/** The index pages (everything but articles, search and the 404). */
const indexPages = (site: string) => htmlPages(site).filter((p) => !/^\/(articles|recherche)\/|^\/404\.html$/.test(p));

/** One h1, and no heading level skipped going down (h2 → h4). */
function expectOrderedHeadings(doc: Document, page: string): void {
  const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
  expect(levels.filter((l) => l === 1), `${page}: one h1`).toHaveLength(1);
  expect(levels[0], `${page}: h1 first`).toBe(1);
  levels.forEach((level, i) => {
    if (i > 0) expect(level - levels[i - 1]!, `${page}: heading levels ${levels.join(',')}`).toBeLessThanOrEqual(1);
  });
}

function expectBreadcrumb(doc: Document, page: string, names: string[]): void {
  const items = [...doc.querySelectorAll('nav.breadcrumb li')];
  expect(items.map(text), page).toEqual(names);
  expect(items[0]!.querySelector('a')?.getAttribute('href')).toBe('/');
  expect(items.at(-1)!.querySelector('[aria-current="page"]'), page).not.toBeNull();
}

/** The pagination bar: its previous/next links and the current page. */
function expectPagination(doc: Document, { current, previous, next }: { current: number; previous?: string; next?: string }): void {
  const nav = pagination(doc)!;
  expect(nav).not.toBeNull();
  const prev = nav.querySelector('a[rel="prev"]');
  const nextLink = nav.querySelector('a[rel="next"]');
  expect(prev?.getAttribute('href')).toBe(previous);
  expect(nextLink?.getAttribute('href')).toBe(next);
  if (previous) expect(text(prev)).toBe(fr.previousPage);
  if (next) expect(text(nextLink)).toBe(fr.nextPage);
  const currents = nav.querySelectorAll('[aria-current="page"]');
  expect(currents).toHaveLength(1);
  expect(text(currents[0])).toBe(`${fr.pageBeforeNumber} ${current}`);
}

// ——— The basic fixture ———

describe('index pages of the basic fixture', () => {
  let site: string;
  let output: string;
  beforeAll(async () => {
    // The same site as tests/integration/feeds.test.ts reads: built once per run.
    const result = await sharedBuild('basic');
    expect(result.status, result.stderr).toBe(0);
    site = result.outDir;
    output = result.stdout;
  });

  it('builds every index page, each with one h1, ordered headings and a breadcrumb (home excepted)', () => {
    const pages = indexPages(site).sort();
    expect(pages).toEqual(
      [
        '/',
        '/accessibilite/',
        '/corrections/',
        '/archives/',
        '/archives/2012/',
        '/archives/2012/09/',
        '/archives/2016/',
        '/archives/2016/05/',
        '/auteurs/',
        '/mentions-legales/',
        '/sabonner/',
        '/rubriques/',
        '/tags/',
        '/auteurs/alice-martin/',
        '/auteurs/bruno-petit/',
        '/rubriques/cloud/',
        '/rubriques/mobile/',
        '/series/',
        '/series/un-an-apres/',
        '/tags/cloud-souverain/',
        '/tags/openstack/',
      ].sort(),
    );
    for (const page of pages) {
      const doc = readPage(site, page);
      expect(doc.documentElement.getAttribute('lang')).toBe('fr-FR');
      expect(doc.querySelector('a.skip-link'), page).not.toBeNull();
      expectOrderedHeadings(doc, page);
      expect(doc.querySelector('nav.breadcrumb') === null, page).toBe(page === '/');
      // One list of 20 at most, and no pagination bar: nothing here needs page 2.
      expect(pagination(doc), page).toBeNull();
    }
    expect(exists(site, '/page/2/')).toBe(false);
  });

  it('each hub lists exactly the published rubriques, authors, tags, years and months, with their counts', () => {
    expectHubs(site, 'https://gazette.example');
    // What the fixture holds, written out: the draft and the scheduled episode count nowhere.
    expect(hubCounts(readPage(site, '/rubriques/'))).toEqual([fr.articleCount(2), fr.articleCount(0)].map(normalize));
    expect(hubLinks(readPage(site, '/tags/'))).toEqual(['/tags/cloud-souverain/', '/tags/openstack/']);
    expect(hubCounts(readPage(site, '/archives/'))).toEqual([fr.articleCount(1), fr.articleCount(1)].map(normalize));
  });

  it('mentions légales: the publisher, director, host with address and phone, and a mailto contact', () => {
    const doc = readPage(site, '/mentions-legales/');
    expectBreadcrumb(doc, '/mentions-legales/', [fr.home, fr.legal.title]);
    expect(text(doc.querySelector('h1'))).toBe(fr.legal.title);
    expect([...doc.querySelectorAll('main h2')].map(text)).toEqual([fr.legal.publisher, fr.legal.director, fr.legal.host, fr.legal.contact]);
    const field = (name: string) => prose(doc.querySelector(`[data-field="${name}"]`));
    expect(field('publisher')).toBe('Gazette de Test SARL');
    expect(field('address')).toBe('3 place du Test, 69001 Lyon');
    expect(field('director')).toBe('Alice Martin');
    expect(field('host.name')).toBe('Hébergeur de Test');
    expect(field('host.address')).toBe('5 rue des Baies, 67000 Strasbourg');
    expect(field('host.phone')).toContain('+33 3 00 00 00 00');
    expect(doc.querySelector('[data-field="host.phone"] a')?.getAttribute('href')).toBe('tel:+33300000000');
    expect(doc.querySelector('[data-field="contact"] a')?.getAttribute('href')).toBe('mailto:contact@gazette.example');
    expect(doc.querySelector('.legal__missing')).toBeNull();
    // A complete notice: no warning in the summary.
    expect(output).not.toMatch(/mentions légales/);
  });

  it('without accessibilite in site.yaml: « non conforme » in every footer, a statement that says no audit was made, a warning per field', () => {
    for (const page of htmlPages(site)) expect(text(readPage(site, page).querySelector('body > footer a[href="/accessibilite/"]')), page).toBe('Accessibilité : non conforme');
    const statement = readPage(site, '/accessibilite/');
    expect(text(statement.querySelector('[data-field="etat"]'))).toBe(normalize(fr.accessibility.noAudit));
    expect(statement.querySelector('[data-field="audit"], [data-field="non_conformites"]')).toBeNull();
    for (const field of ['etat', 'date', 'referentiel', 'auditeur', 'non_conformites', 'contact', 'schema_pluriannuel']) {
      expect(output).toMatch(new RegExp(`⚠ déclaration d’accessibilité : .*\\(accessibilite\\.${field}\\) manque dans site\\.yaml`));
    }
  });

  it('the footer of every page links the legal page, the rubriques, the hubs, the feeds and the contact', () => {
    expectFooters(site, 'contact@gazette.example');
  });

  it('links only feeds that exist', () => {
    for (const page of indexPages(site)) {
      const feeds = [...readPage(site, page).querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')];
      expect(feeds.length, page).toBeGreaterThan(0);
      for (const link of feeds) {
        const { origin, pathname } = new URL(link.getAttribute('href')!);
        expect(origin).toBe('https://gazette.example');
        expect(existsSync(path.join(site, pathname)), `${page} links ${pathname}`).toBe(true);
      }
    }
  });

  it('never shows a draft or a scheduled article, on any page', () => {
    for (const page of htmlPages(site)) {
      const html = readPage(site, page).documentElement.outerHTML;
      for (const secret of ['brouillon', 'episode-programme', 'Un brouillon secret', 'Un épisode programmé', 'paraîtra plus tard']) {
        expect(html.includes(secret), `${page} mentions "${secret}"`).toBe(false);
      }
    }
  });

  it('home: the lead story with its priority picture, then the other articles without it, then the series strip', () => {
    const doc = readPage(site, '/');
    expect(text(doc.querySelector('h1'))).toBe('La Gazette de Test');
    const lead = doc.querySelector('.lead')!;
    expect(lead.querySelector('h2 a')?.getAttribute('href')).toBe('/articles/premier-episode/');
    const img = lead.querySelector('picture img')!;
    expect(img.getAttribute('fetchpriority')).toBe('high');
    expect(img.getAttribute('loading')).toBe('eager');
    expect(img.getAttribute('alt')).toBe('Des serveurs dans un centre de données');
    expect([...lead.querySelectorAll('picture source')].map((s) => s.getAttribute('type'))).toEqual(['image/avif']);

    // The other article has no cover: it is set as a brief.
    const latest = doc.querySelector('section[aria-labelledby="briefs-title"]')!;
    expect(text(latest.querySelector('h2'))).toBe(fr.homeBriefs);
    expect(cards(doc)).toEqual(['/articles/lancement/']);

    const strip = doc.querySelector('.series-strip')!;
    const blocks = [...doc.querySelectorAll('main section')];
    expect(blocks.indexOf(latest)).toBeGreaterThanOrEqual(0);
    expect(blocks.indexOf(latest), 'the series strip comes after the briefs').toBeLessThan(blocks.indexOf(strip));
    expect(strip.querySelector('h2 a')?.getAttribute('href')).toBe('/series/');
    const card = strip.querySelector('.series-card')!;
    expect(card.querySelector('h3 a')?.getAttribute('href')).toBe('/series/un-an-apres/');
    expect(text(card)).toContain('Que sont devenus les sujets de l’an passé');
    expect(text(card.querySelector('.series-card__latest'))).toContain(fr.latestEpisode);
    expect(card.querySelector('.series-card__latest a')?.getAttribute('href')).toBe('/articles/premier-episode/');
  });

  it('series index: every series with its description, cadence and episode count', () => {
    const doc = readPage(site, '/series/');
    expect(text(doc.querySelector('h1'))).toBe(fr.series);
    expectBreadcrumb(doc, '/series/', [fr.home, fr.series]);
    const card = doc.querySelector('.series-card')!;
    expect(card.querySelector('h2 a')?.getAttribute('href')).toBe('/series/un-an-apres/');
    expect(text(card)).toContain('Que sont devenus les sujets de l’an passé');
    expect(text(card)).toContain('Rythme : hebdomadaire');
    // The scheduled episode 2 is not counted.
    expect(text(card)).toContain('1 épisode');
    expect(text(card)).not.toContain('2 épisodes');
  });

  it('series page: title, description, cadence, blurb, episodes with their numbers, the next date only, the series feed', () => {
    const doc = readPage(site, '/series/un-an-apres/');
    expect(text(doc.querySelector('h1'))).toBe('Un an après');
    expectBreadcrumb(doc, '/series/un-an-apres/', [fr.home, fr.series, 'Un an après']);
    const main = text(doc.querySelector('main'));
    expect(main).toContain('Que sont devenus les sujets de l’an passé');
    expect(main).toContain('Rythme : hebdomadaire');
    // The blurb's « la semaine prochaine » would contradict the next episode's date: the date alone is shown.
    expect(main).not.toContain('Rendez-vous la semaine prochaine pour un nouvel épisode.');
    const episodes = [...doc.querySelectorAll('ol.episodes > li')];
    expect(episodes).toHaveLength(1);
    expect(text(episodes[0]!.querySelector('.kicker'))).toBe('Épisode 1');
    expect(episodes[0]!.querySelector('h3 a')?.getAttribute('href')).toBe('/articles/premier-episode/');
    expect(prose(episodes[0])).toContain(`12${NBSP}mai${NBSP}2016`);
    expect(text(episodes[0])).toContain('Le premier épisode de la série');
    // Announced by its date alone (Paris time), never its title or slug.
    const next = doc.querySelector('.series-next time')!;
    expect(prose(next)).toBe(`Prochain épisode le 1er${NBSP}janvier${NBSP}2030`);
    expect(next.getAttribute('datetime')).toBe('2030-01-01');
    const feeds = [...doc.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) => l.getAttribute('href'));
    expect(feeds).toContain('https://gazette.example/series/un-an-apres/rss.xml');
  });

  it('rubrique pages: title, description, articles newest first, the rubrique feed; an empty rubrique says so', () => {
    const cloud = readPage(site, '/rubriques/cloud/');
    expect(text(cloud.querySelector('h1'))).toBe('Cloud');
    expect(text(cloud.querySelector('main'))).toContain('Tout sur l’informatique en nuage.');
    expectBreadcrumb(cloud, '/rubriques/cloud/', [fr.home, 'Cloud']);
    expect(cards(cloud)).toEqual(['/articles/premier-episode/', '/articles/lancement/']);
    expect(cloud.querySelector('header nav a[aria-current="page"]')?.getAttribute('href')).toBe('/rubriques/cloud/');
    const feeds = [...cloud.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) => l.getAttribute('href'));
    expect(feeds).toContain('https://gazette.example/rubriques/cloud/rss.xml');

    // « Mobile » only has a draft and a scheduled episode: an empty page 1.
    const mobile = readPage(site, '/rubriques/mobile/');
    expect(text(mobile.querySelector('h1'))).toBe('Mobile');
    expect(cards(mobile)).toEqual([]);
    expect(text(mobile.querySelector('.index-empty'))).toBe(fr.categoryEmpty);
  });

  it('tag pages: for the tags of published articles only, with their label and articles', () => {
    const tag = readPage(site, '/tags/cloud-souverain/');
    expect(text(tag.querySelector('h1'))).toBe('cloud souverain');
    expectBreadcrumb(tag, '/tags/cloud-souverain/', [fr.home, 'Mot-clé : cloud souverain']);
    expect(cards(tag)).toEqual(['/articles/premier-episode/', '/articles/lancement/']);
    expect(cards(readPage(site, '/tags/openstack/'))).toEqual(['/articles/premier-episode/']);
  });

  it('author pages: name, role, bio, articles; never their unpublished ones', () => {
    const alice = readPage(site, '/auteurs/alice-martin/');
    expect(text(alice.querySelector('h1'))).toBe('Alice Martin');
    expectBreadcrumb(alice, '/auteurs/alice-martin/', [fr.home, 'Alice Martin']);
    expect(text(alice.querySelector('.author-profile'))).toContain('Journaliste cloud');
    expect(text(alice.querySelector('.author-profile'))).toContain('Alice couvre l’informatique en nuage depuis dix ans.');
    expect(cards(alice)).toEqual(['/articles/premier-episode/', '/articles/lancement/']);
    // Bruno also wrote the draft and the scheduled episode.
    const bruno = readPage(site, '/auteurs/bruno-petit/');
    expect(text(bruno.querySelector('.author-profile'))).toContain('Rédacteur en chef');
    expect(cards(bruno)).toEqual(['/articles/premier-episode/']);
  });

  it('404.html: in French, with links back to the home page and every rubrique', () => {
    const doc = readPage(site, '404.html');
    expect(doc.documentElement.getAttribute('lang')).toBe('fr-FR');
    expect(text(doc.querySelector('h1'))).toBe(fr.notFound.title);
    expect(text(doc.querySelector('title'))).toContain('Page introuvable');
    const links = [...doc.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    expect(links).toContain('/');
    expect(links).toContain('/rubriques/cloud/');
    expect(links).toContain('/rubriques/mobile/');
    expectOrderedHeadings(doc, '/404.html');
  });
});

// ——— Pagination edges, on generated content trees ———

const BASIC = fixture('basic');

interface TreeArticle {
  slug: string;
  category: string;
  author: string;
  publishedAt: string;
  tags?: string[];
  draft?: boolean;
  cover?: boolean;
}

/** Writes a small, valid content tree (articles without images, except a cover when asked). */
function writeTree(root: string, { categories, authors, articles }: { categories: string[]; authors: Record<string, { avatar?: boolean }>; articles: TreeArticle[] }): string {
  const content = path.join(root, 'content');
  for (const dir of ['articles', 'authors', 'categories']) mkdirSync(path.join(content, dir), { recursive: true });
  writeFileSync(path.join(content, 'site.yaml'), 'name: "Le Banc d’Essai"\nurl: https://banc.example\nlanguage: fr-FR\n');
  for (const id of categories) writeFileSync(path.join(content, 'categories', `${id}.yaml`), `title: "Rubrique ${id}"\n`);
  for (const [id, { avatar }] of Object.entries(authors)) {
    if (avatar) copyFileSync(path.join(BASIC, 'articles/2016/premier-episode/carte.jpg'), path.join(content, 'authors', `${id}.jpg`));
    writeFileSync(path.join(content, 'authors', `${id}.yaml`), `name: "Plume ${id}"\nrole: Rédaction\n${avatar ? `avatar: ./${id}.jpg\n` : ''}`);
  }
  for (const a of articles) {
    const front = [
      `title: "Titre ${a.slug}"`,
      `description: "Résumé de ${a.slug}."`,
      `publishedAt: ${a.publishedAt}`,
      `authors: [${a.author}]`,
      `category: ${a.category}`,
      ...(a.tags ? [`tags: [${a.tags.join(', ')}]`] : []),
      ...(a.draft ? ['draft: true'] : []),
      ...(a.cover ? ['cover:', '  src: ./couverture.jpg', '  alt: "Une couverture"'] : []),
    ];
    const file = a.cover ? path.join(content, 'articles', a.slug, 'index.mdx') : path.join(content, 'articles', `${a.slug}.mdx`);
    mkdirSync(path.dirname(file), { recursive: true });
    if (a.cover) copyFileSync(path.join(BASIC, 'articles/2016/premier-episode/couverture.jpg'), path.join(path.dirname(file), 'couverture.jpg'));
    writeFileSync(file, `---\n${front.join('\n')}\n---\n\nTexte de ${a.slug}.\n`);
  }
  return content;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `count` articles of a rubrique, one a day in March 2026, numbered 01… from the oldest. */
const daily = (prefix: string, count: number, fields: Omit<TreeArticle, 'slug' | 'publishedAt'>): TreeArticle[] =>
  Array.from({ length: count }, (_, i) => ({ ...fields, slug: `${prefix}-${pad(i + 1)}`, publishedAt: `2026-03-${pad(i + 1)}T08:00:00+01:00` }));
/** Article paths newest first, as indexes list them. */
const newestFirst = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `/articles/${prefix}-${pad(count - i)}/`);

function buildTree(tree: Parameters<typeof writeTree>[1]): { site: string; output: string; cleanUp: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-indexes-'));
  const content = writeTree(root, tree);
  // A cache of its own: a throwaway tree must not leave an Astro cache behind.
  const result = buildSite({ contentDir: content, outDir: path.join(root, 'dist'), env: { ROTATIVE_CACHE_DIR: path.join(root, 'cache') } });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return { site: result.outDir, output: result.stdout, cleanUp: () => rmSync(root, { recursive: true, force: true }) };
}

describe('pagination at its edges: rubriques of 0, 1 and 21 articles, a home of 22', () => {
  let site: string;
  let output: string;
  let cleanUp: () => void;
  beforeAll(() => {
    ({ site, output, cleanUp } = buildTree({
      categories: ['vide', 'une', 'vingt-et-un'],
      authors: { plume: {}, solo: { avatar: true } },
      articles: [
        ...daily('art', 21, { category: 'vingt-et-un', author: 'plume', tags: ['Vingt et un'] }),
        // The only cover, on the oldest article: it is still the lead story.
        { slug: 'seule', category: 'une', author: 'solo', publishedAt: '2025-06-01T08:00:00+02:00', cover: true },
        // Neither counts in any list, nor gets a tag page.
        { slug: 'cache', category: 'vingt-et-un', author: 'plume', publishedAt: '2026-04-01T08:00:00+02:00', tags: ['secret'], draft: true },
        { slug: 'futur', category: 'vingt-et-un', author: 'plume', publishedAt: '2027-01-01T08:00:00+01:00', tags: ['avenir'] },
      ],
    }));
  });
  afterAll(() => cleanUp());

  it('0 articles: page 1 only, with the empty-state sentence and no pagination', () => {
    const doc = readPage(site, '/rubriques/vide/');
    expect(text(doc.querySelector('h1'))).toBe('Rubrique vide');
    expect(cards(doc)).toEqual([]);
    expect(text(doc.querySelector('.index-empty'))).toBe(fr.categoryEmpty);
    expect(pagination(doc)).toBeNull();
    expect(exists(site, '/rubriques/vide/page/2/')).toBe(false);
  });

  it('1 article: page 1 only, no pagination', () => {
    const doc = readPage(site, '/rubriques/une/');
    expect(cards(doc)).toEqual(['/articles/seule/']);
    expect(pagination(doc)).toBeNull();
    expect(exists(site, '/rubriques/une/page/2/')).toBe(false);
  });

  it('21 articles: 20 on page 1, the oldest on page 2, linked both ways; no page 3', () => {
    const all = newestFirst('art', 21);
    const first = readPage(site, '/rubriques/vingt-et-un/');
    expect(cards(first)).toEqual(all.slice(0, 20));
    expectPagination(first, { current: 1, next: '/rubriques/vingt-et-un/page/2/' });
    expect([...pagination(first)!.querySelectorAll('ol a')].map((a) => a.getAttribute('href'))).toEqual([
      '/rubriques/vingt-et-un/',
      '/rubriques/vingt-et-un/page/2/',
    ]);

    const second = readPage(site, '/rubriques/vingt-et-un/page/2/');
    expect(cards(second)).toEqual(['/articles/art-01/']);
    expectPagination(second, { current: 2, previous: '/rubriques/vingt-et-un/' });
    expectBreadcrumb(second, 'page 2', [fr.home, 'Rubrique vingt-et-un', 'Page 2']);
    expect(text(second.querySelector('h1'))).toBe('Rubrique vingt-et-un, page 2');
    expect(text(second.querySelector('title'))).toContain('page 2');
    expect(second.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('https://banc.example/rubriques/vingt-et-un/page/2/');
    expect(exists(site, '/rubriques/vingt-et-un/page/3/')).toBe(false);
  });

  it('tags and authors paginate the same way; unpublished tags get no page', () => {
    expect(cards(readPage(site, '/tags/vingt-et-un/'))).toEqual(newestFirst('art', 21).slice(0, 20));
    expect(cards(readPage(site, '/tags/vingt-et-un/page/2/'))).toEqual(['/articles/art-01/']);
    expectPagination(readPage(site, '/tags/vingt-et-un/page/2/'), { current: 2, previous: '/tags/vingt-et-un/' });
    expect(exists(site, '/tags/secret/')).toBe(false);
    expect(exists(site, '/tags/avenir/')).toBe(false);

    expect(cards(readPage(site, '/auteurs/plume/'))).toEqual(newestFirst('art', 21).slice(0, 20));
    const plume2 = readPage(site, '/auteurs/plume/page/2/');
    expect(cards(plume2)).toEqual(['/articles/art-01/']);
    expectPagination(plume2, { current: 2, previous: '/auteurs/plume/' });
    expectOrderedHeadings(plume2, '/auteurs/plume/page/2/');
    expect(exists(site, '/auteurs/plume/page/3/')).toBe(false);
  });

  it('an author page shows the avatar as a <picture>', () => {
    const solo = readPage(site, '/auteurs/solo/');
    const img = solo.querySelector('.author-profile picture img')!;
    expect(img).not.toBeNull();
    expect(img.getAttribute('src')).toMatch(/^\/_images\/.+\.jpg$/);
    expect(img.getAttribute('width')).toBeTruthy();
    expect([...solo.querySelectorAll('.author-profile picture source')].map((s) => s.getAttribute('type'))).toEqual(['image/avif']);
    expect(cards(solo)).toEqual(['/articles/seule/']);
    expect(exists(site, '/auteurs/solo/page/2/')).toBe(false);
  });

  it('home: the lead story first, 19 latest on page 1, the 2 oldest on /page/2/, every article once; no /page/3/', () => {
    const home = readPage(site, '/');
    expect(home.querySelector('.lead h2 a')?.getAttribute('href')).toBe('/articles/seule/');
    const latest = newestFirst('art', 21);
    expect(cards(home)).toEqual(latest.slice(0, 19));
    expectPagination(home, { current: 1, next: '/page/2/' });

    const page2 = readPage(site, '/page/2/');
    expect(cards(page2)).toEqual(latest.slice(19));
    expectPagination(page2, { current: 2, previous: '/' });
    expectBreadcrumb(page2, '/page/2/', [fr.home, 'Page 2']);
    expectOrderedHeadings(page2, '/page/2/');
    expect(page2.querySelector('.lead')).toBeNull();
    expect(page2.querySelector('.series-strip')).toBeNull();
    expect(exists(site, '/page/3/')).toBe(false);

    const everywhere = [...articleLinks(home), ...articleLinks(page2)];
    expect(new Set(everywhere)).toEqual(new Set([...latest, '/articles/seule/']));
  });

  it('archive: 21 articles of March 2026 on two pages of the year and of the month; no page for the draft or the scheduled one', () => {
    const all = newestFirst('art', 21);
    for (const period of ['/archives/2026/', '/archives/2026/03/']) {
      const first = readPage(site, period);
      expect(cards(first), period).toEqual(all.slice(0, 20));
      expectPagination(first, { current: 1, next: `${period}page/2/` });
      const second = readPage(site, `${period}page/2/`);
      expect(cards(second), period).toEqual(['/articles/art-01/']);
      expectPagination(second, { current: 2, previous: period });
      expect(second.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`https://banc.example${period}page/2/`);
      expect(exists(site, `${period}page/3/`), period).toBe(false);
    }
    expectBreadcrumb(readPage(site, '/archives/2026/03/page/2/'), 'month page 2', [fr.home, fr.archive.title, '2026', `mars${NBSP}2026`, 'Page 2'].map((n) => n.replace(/\s+/g, ' ')));
    expect(cards(readPage(site, '/archives/2025/06/'))).toEqual(['/articles/seule/']);
    // The draft (April 2026) and the scheduled article (2027) make no period.
    expect(exists(site, '/archives/2026/04/')).toBe(false);
    expect(exists(site, '/archives/2027/')).toBe(false);
    const hub = readPage(site, '/archives/');
    expect([...hub.querySelectorAll('.hub__title a')].map(text)).toEqual(['2026', '2025']);
    expect(hubCounts(hub)).toEqual([fr.articleCount(21), fr.articleCount(1)].map(normalize));
  });

  it('warns in the build summary about each missing field of the legal notice, and still builds', () => {
    // This tree's site.yaml has no `legal` at all: every field is reported.
    for (const field of ['legal.publisher', 'legal.address', 'legal.director', 'legal.host.name', 'legal.host.address', 'legal.host.phone', 'legal.contact']) {
      expect(output).toMatch(new RegExp(`mentions légales.*\\(${field.replace(/\./g, '\\.')}\\).*LCEN, art\\. 6-III`));
    }
    const legal = readPage(site, '/mentions-legales/');
    expect(legal.querySelectorAll('.legal__missing')).toHaveLength(4);
    expect(readPage(site, '/').querySelector('footer a[href^="mailto:"]')).toBeNull();
  });

  it('no draft or scheduled article on any index page', () => {
    for (const page of indexPages(site)) {
      const doc = readPage(site, page);
      expect(articleLinks(doc).filter((href) => href === '/articles/cache/' || href === '/articles/futur/'), page).toEqual([]);
      expect(text(doc.querySelector('main')), page).not.toMatch(/Titre (cache|futur)/);
    }
  });
});

describe('pagination at its edges: exactly 20 articles', () => {
  let site: string;
  let cleanUp: () => void;
  beforeAll(() => {
    ({ site, cleanUp } = buildTree({
      categories: ['vingt'],
      authors: { plume: {} },
      articles: daily('art', 20, { category: 'vingt', author: 'plume', tags: ['Vingt'] }),
    }));
  });
  afterAll(() => cleanUp());

  it('fills page 1 of the rubrique, tag, author, home and archive, and makes no page 2', () => {
    const all = newestFirst('art', 20);
    for (const page of ['/rubriques/vingt/', '/tags/vingt/', '/auteurs/plume/', '/', '/archives/2026/', '/archives/2026/03/']) {
      const doc = readPage(site, page);
      expect(cards(doc), page).toEqual(all);
      expect(pagination(doc), page).toBeNull();
      expect(exists(site, `${page}page/2/`), page).toBe(false);
    }
    // Without any cover, the home has no lead story.
    expect(readPage(site, '/').querySelector('.lead')).toBeNull();
  });
});

// ——— The sample magazine ———

describe('index pages of the sample magazine', () => {
  let site: string;
  let scheduled: string[];
  beforeAll(() => {
    site = inject('sampleSite');
    scheduled = [...inject('sampleBuildOutput').matchAll(/programmé : (\S+) le /g)].map((m) => m[1]!);
  });

  it('has a page for every rubrique, the series and the home, none linking a scheduled article', () => {
    const home = readPage(site, '/');
    expect(home.querySelector('.lead picture img')?.getAttribute('fetchpriority')).toBe('high');
    const rubriques = [...home.querySelectorAll('header nav a[href^="/rubriques/"]')].map((a) => a.getAttribute('href')!);
    expect(rubriques.length).toBeGreaterThan(0);
    for (const page of [...rubriques, '/series/', '/']) expect(exists(site, page), page).toBe(true);
    for (const page of indexPages(site)) {
      const doc = readPage(site, page);
      expectOrderedHeadings(doc, page);
      for (const slug of scheduled) expect(articleLinks(doc), page).not.toContain(`/articles/${slug}/`);
    }
  });
});


// ——— Hubs, archive, legal page and footer, on the basic fixture and the sample ———

const normalize = (t: string) => t.replace(/\s+/g, ' ').trim();
/** The count line of each entry of a hub, in order. */
const hubCounts = (doc: Document) => [...doc.querySelectorAll('.hub__item > div > .hub__count, .hub--compact .hub__count')].map((el) => text(el).replace(/^\((.*)\)$/, '$1'));
const hubLinks = (doc: Document) => [...doc.querySelectorAll('.hub__title a, .hub--compact li > a')].map((a) => a.getAttribute('href')!);

/** What an article page says of itself. */
interface Published {
  url: string;
  category: string;
  authors: string[];
  tags: string[];
  /** Paris wall-clock time, as the page's `datetime` writes it. */
  datetime: string;
}

/** Every published article of a built site, read from its own page. */
function publishedArticles(site: string): Published[] {
  return htmlPages(site)
    .filter((p) => /^\/articles\/[^/]+\/$/.test(p))
    .map((url) => {
      const doc = readPage(site, url);
      return {
        url,
        category: doc.querySelector('.article__header .kicker a')!.getAttribute('href')!,
        authors: [...doc.querySelectorAll('.byline__authors a[rel="author"]')].map((a) => a.getAttribute('href')!),
        tags: [...doc.querySelectorAll('nav.tags a[rel="tag"]')].map((a) => a.getAttribute('href')!),
        datetime: doc.querySelector('.byline__dates time')!.getAttribute('datetime')!,
      };
    });
}

const countBy = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

/** The CollectionPage JSON-LD of a page, parsed. */
function collectionPage(doc: Document, page: string): { name: string; url: string; mainEntity: { numberOfItems: number; itemListElement: { url: string; position: number }[] } } {
  const lds = [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!) as { '@type': string });
  const found = lds.filter((ld) => ld['@type'] === 'CollectionPage');
  expect(found, `${page}: one CollectionPage`).toHaveLength(1);
  return found[0] as never;
}

/** Every article card of a list and its later pages, following « Page suivante ». */
function allCards(site: string, first: string): string[] {
  const out: string[] = [];
  let page: string | undefined = first;
  while (page) {
    const doc = readPage(site, page);
    out.push(...(cards(doc) as string[]));
    page = pagination(doc)?.querySelector('a[rel="next"]')?.getAttribute('href') ?? undefined;
  }
  return out;
}

/** Sitemap URLs of a built site (every sitemap of the index). */
function sitemapUrls(site: string): Set<string> {
  const xml = new XMLParser({ isArray: (name) => ['url', 'sitemap'].includes(name) });
  const index = xml.parse(readFileSync(path.join(site, 'sitemap-index.xml'), 'utf8'));
  return new Set(
    index.sitemapindex.sitemap.flatMap((s: { loc: string }) =>
      xml.parse(readFileSync(path.join(site, new URL(s.loc).pathname), 'utf8')).urlset.url.map((u: { loc: string }) => new URL(u.loc).pathname),
    ),
  );
}

/** The hubs and the archive list exactly the published items, with their counts, as the article pages say. */
function expectHubs(site: string, origin: string): void {
  const articles = publishedArticles(site);
  expect(articles.length).toBeGreaterThan(0);
  const pagesUnder = (dir: string) => htmlPages(site).filter((p) => new RegExp(`^/${dir}/[^/]+/$`).test(p));
  const sitemap = sitemapUrls(site);

  const hubs: { path: string; title: string; expected: Map<string, number>; pages: string[] }[] = [
    { path: '/rubriques/', title: fr.categoriesIndex.title, expected: countBy(articles.map((a) => a.category)), pages: pagesUnder('rubriques') },
    { path: '/auteurs/', title: fr.authorsIndex.title, expected: countBy(articles.flatMap((a) => a.authors)), pages: pagesUnder('auteurs') },
    { path: '/tags/', title: fr.tagsIndex.title, expected: countBy(articles.flatMap((a) => a.tags)), pages: pagesUnder('tags') },
  ];
  for (const hub of hubs) {
    const doc = readPage(site, hub.path);
    const links = hubLinks(doc);
    // Every rubrique and author page is in its hub (even with no article); every tag page too, and nothing else.
    expect(new Set(links), hub.path).toEqual(new Set(hub.pages));
    expect(links.length, `${hub.path}: each entry once`).toBe(hub.pages.length);
    for (const url of hub.expected.keys()) expect(links, hub.path).toContain(url);
    expect(hubCounts(doc), hub.path).toEqual(links.map((url) => normalize(fr.articleCount(hub.expected.get(url) ?? 0))));
    expectBreadcrumb(doc, hub.path, [fr.home, hub.title]);
    expect(text(doc.querySelector('h1'))).toBe(hub.title);
    const ld = collectionPage(doc, hub.path);
    expect(ld.url).toBe(`${origin}${hub.path}`);
    expect(ld.mainEntity.itemListElement.map((i) => i.url)).toEqual(links.map((l) => `${origin}${l}`));
    expect(sitemap.has(hub.path), `${hub.path} in the sitemap`).toBe(true);
    expectOrderedHeadings(doc, hub.path);
  }

  // Rubriques show their description and feed; authors their role.
  const rubriques = readPage(site, '/rubriques/');
  for (const item of rubriques.querySelectorAll('.hub__item')) {
    const href = item.querySelector('.hub__title a')!.getAttribute('href')!;
    const page = readPage(site, href);
    const description = text(page.querySelector('.index-header__description'));
    if (description) expect(text(item.querySelector('.hub__description'))).toBe(description);
    const feed = item.querySelector('.hub__links a')!.getAttribute('href')!;
    expect(feed).toBe(`${href}rss.xml`);
    expect(existsSync(path.join(site, feed)), feed).toBe(true);
  }
  for (const item of readPage(site, '/auteurs/').querySelectorAll('.hub__item')) {
    const page = readPage(site, item.querySelector('.hub__title a')!.getAttribute('href')!);
    expect(text(item.querySelector('.hub__description'))).toBe(text(page.querySelector('.author-profile__role')));
    expect(item.querySelector('picture') !== null).toBe(page.querySelector('.author-profile picture') !== null);
  }
  // Tags in French order: accents and capitals do not send a label to the end.
  const labels = [...readPage(site, '/tags/').querySelectorAll('.hub--compact li > a')].map(text);
  expect(labels).toEqual([...labels].sort(new Intl.Collator('fr').compare));

  // The archive: years newest first, each with its months, each linking
  // exactly the published articles of that period, newest first.
  const archive = readPage(site, '/archives/');
  expectBreadcrumb(archive, '/archives/', [fr.home, fr.archive.title]);
  expect(collectionPage(archive, '/archives/').url).toBe(`${origin}/archives/`);
  const newest = [...articles].sort((a, b) => Date.parse(b.datetime) - Date.parse(a.datetime));
  const years = [...new Set(newest.map((a) => a.datetime.slice(0, 4)))];
  expect([...archive.querySelectorAll('.hub__title a')].map(text)).toEqual(years);
  for (const item of archive.querySelectorAll('.hub__item')) {
    const year = text(item.querySelector('.hub__title a'));
    const ofYear = newest.filter((a) => a.datetime.startsWith(year));
    expect(text(item.querySelector('.hub__count'))).toBe(normalize(fr.articleCount(ofYear.length)));
    const yearPath = `/archives/${year}/`;
    expect(item.querySelector('.hub__title a')!.getAttribute('href')).toBe(yearPath);
    expect(allCards(site, yearPath), yearPath).toEqual(ofYear.map((a) => a.url));
    const months = [...new Set(ofYear.map((a) => a.datetime.slice(5, 7)))];
    const monthLinks = [...item.querySelectorAll('.hub__links a')];
    expect(monthLinks.map((a) => a.getAttribute('href'))).toEqual(months.map((m) => `/archives/${year}/${m}/`));
    for (const [i, a] of monthLinks.entries()) {
      const month = Number(months[i]);
      expect(text(a)).toBe(normalize(fr.archive.monthYear(month, Number(year))));
      const ofMonth = ofYear.filter((x) => x.datetime.slice(5, 7) === months[i]);
      const monthPath = a.getAttribute('href')!;
      expect(allCards(site, monthPath), monthPath).toEqual(ofMonth.map((x) => x.url));
      const doc = readPage(site, monthPath);
      expectBreadcrumb(doc, monthPath, [fr.home, fr.archive.title, year, normalize(fr.archive.monthYear(month, Number(year)))]);
      expect(text(doc.querySelector('h1'))).toBe(normalize(fr.archive.monthTitle(month, Number(year))));
      expect(collectionPage(doc, monthPath).mainEntity.itemListElement.map((x) => x.url)).toEqual(cards(doc).map((c) => `${origin}${c}`));
      expect(sitemap.has(monthPath), monthPath).toBe(true);
    }
    expect(sitemap.has(yearPath), yearPath).toBe(true);
  }
  // No other period has a page (a draft's or a scheduled article's month).
  const periods = htmlPages(site).filter((p) => /^\/archives\/\d{4}\/(\d{2}\/)?$/.test(p));
  expect(new Set(periods)).toEqual(new Set(newest.flatMap((a) => [`/archives/${a.datetime.slice(0, 4)}/`, `/archives/${a.datetime.slice(0, 4)}/${a.datetime.slice(5, 7)}/`])));
  expect(sitemap.has('/archives/')).toBe(true);

  // /articles/ answers: the newest articles and the way to the archive.
  const list = readPage(site, '/articles/');
  expect(cards(list)).toEqual(newest.slice(0, 20).map((a) => a.url));
  expect(list.querySelector('main a[href="/archives/"]')).not.toBeNull();
  expectBreadcrumb(list, '/articles/', [fr.home, fr.articlesIndex.title]);
  expect(sitemap.has('/articles/')).toBe(true);
  expect(sitemap.has('/mentions-legales/')).toBe(true);
}

/** The footer of every page links the legal page, every rubrique, the hubs, the feeds and the contact address. */
function expectFooters(site: string, contact: string | undefined, pages: Record<string, string> = {}): void {
  const rubriques = htmlPages(site).filter((p) => /^\/rubriques\/[^/]+\/$/.test(p));
  for (const page of htmlPages(site)) {
    const doc = readPage(site, page);
    const nav = doc.querySelector('body > footer nav[aria-label]');
    expect(nav, `${page}: a footer nav with an accessible name`).not.toBeNull();
    expect(nav!.getAttribute('aria-label')).toBe(fr.footerNav);
    const links = new Map([...nav!.querySelectorAll('a')].map((a) => [a.getAttribute('href')!, text(a)]));
    expect(links.get('/mentions-legales/'), page).toBe(fr.legal.title);
    expect(links.get('/rubriques/'), page).toBe(fr.categoriesIndex.title);
    expect(links.get('/auteurs/'), page).toBe(fr.authorsIndex.title);
    expect(links.get('/tags/'), page).toBe(fr.tagsIndex.title);
    expect(links.get('/archives/'), page).toBe(fr.archive.title);
    for (const feed of ['/rss.xml', '/atom.xml', '/feed.json']) expect(links.has(feed), `${page} ${feed}`).toBe(true);
    expect(links.get('/sabonner/'), page).toBe(fr.subscribe.footer);
    for (const r of rubriques) expect(links.has(r), `${page} ${r}`).toBe(true);
    if (contact) expect(links.get(`mailto:${contact}`), page).toBe(fr.footerContact);
    for (const [url, title] of Object.entries(pages)) expect(links.get(url), `${page} ${url}`).toBe(title);
    // Each list is named by its group title.
    for (const ul of nav!.querySelectorAll('ul')) expect(doc.getElementById(ul.getAttribute('aria-labelledby')!), page).not.toBeNull();
  }
}

describe('hubs, archive, legal page and footer of the sample magazine', () => {
  let site: string;
  beforeAll(() => {
    site = inject('sampleSite');
  });

  it('each hub lists exactly the published items, with their counts; the archive every period once', () => {
    expectHubs(site, 'https://echo-numerique.example');
  });

  it('mentions légales shows every field of site.yaml', () => {
    const doc = readPage(site, '/mentions-legales/');
    for (const name of ['publisher', 'address', 'director', 'host.name', 'host.address', 'host.phone', 'contact']) {
      expect(prose(doc.querySelector(`[data-field="${name}"]`)), name).not.toBe('');
    }
    expect(doc.querySelector('.legal__missing')).toBeNull();
  });

  it('the footer of every template links the legal page, the rubriques, the hubs and the feeds', () => {
    expectFooters(site, 'redaction@echo-numerique.example', { '/a-propos/': 'À propos' });
  });

  it('content/pages/a-propos.mdx is a page: its title, its body rendered, a breadcrumb, in the sitemap', () => {
    const doc = readPage(site, '/a-propos/');
    expect(text(doc.querySelector('main h1'))).toBe('À propos');
    expectBreadcrumb(doc, '/a-propos/', [fr.home, 'À propos']);
    expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')).toMatch(/Écho du Numérique/);
    const body = doc.querySelector('main .article__body')!;
    expect(body.querySelector('em')).not.toBeNull();
    expect([...body.querySelectorAll('h2')].map(text)).toEqual(['Notre façon de travailler', 'Nous écrire']);
    expect(body.querySelector('a[href="/mentions-legales/"]')).not.toBeNull();
    // Typeset like an article: curly apostrophes.
    expect(text(body)).toContain('L’Écho du Numérique');
    expect(sitemapUrls(site).has('/a-propos/')).toBe(true);
    expectOrderedHeadings(doc, '/a-propos/');
  });
});
