/**
 * The feeds of a built fixture, in RSS 2.0, Atom 1.0 and JSON Feed 1.1, read
 * by the Universal Feed Parser (what many feed readers use), by a real XML
 * parser and by JSON.parse; and what a browser needs to show them as a page
 * (their CSS stylesheet, their link to « S'abonner »). The fixture has a draft ("brouillon") and a scheduled episode
 * ("episode-programme"): neither may appear anywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { headersFor, parseHeadersFile } from '../helpers/serve.ts';

const ORIGIN = 'https://gazette.example';
/** Debian's interpreter, which has python3-feedparser (the `python3` on PATH may be another one). */
const PYTHON = '/usr/bin/python3';

interface ParsedEntry {
  title: string;
  link: string;
  id: string;
  guidislink: boolean;
  published: string;
  updated: string;
  published_ts: number;
  updated_ts: number;
  summary: string;
  content: string[];
  authors: string[];
  tags: string[];
  enclosures: { href: string; length: string; type: string }[];
}
interface ParsedFeed {
  bozo: boolean;
  bozo_exception: string | null;
  version: string;
  feed: {
    id?: string;
    title: string;
    subtitle?: string;
    link: string;
    language: string;
    updated?: string;
    links: { rel: string; href: string; type?: string }[];
    image?: string;
  };
  entries: ParsedEntry[];
}

/** Every RSS feed of the fixture, in path order: the magazine's, each rubrique's, series', author's and tag's. */
const FEEDS = [
  'auteurs/alice-martin/rss.xml',
  'auteurs/bruno-petit/rss.xml',
  'rss.xml',
  'rubriques/cloud/rss.xml',
  'rubriques/mobile/rss.xml',
  'series/un-an-apres/rss.xml',
  'tags/cloud-souverain/rss.xml',
  'tags/openstack/rss.xml',
];
/** The tags of the fixture have 2 and 1 articles: their feeds are written, not offered (TAG_FEED_MIN_ARTICLES). */
const OFFERED = FEEDS.filter((f) => !f.startsWith('tags/'));
/** The Atom and JSON Feed files beside each RSS feed. */
const atomOf = (rss: string) => rss.replace(/rss\.xml$/, 'atom.xml');
const jsonOf = (rss: string) => rss.replace(/rss\.xml$/, 'feed.json');
const ATOM_FEEDS = FEEDS.map(atomOf).sort();
const JSON_FEEDS = FEEDS.map(jsonOf).sort();

let outDir: string;
let parsed: Record<string, ParsedFeed>;

/** The raw XML of a feed, parsed with attributes kept and repeated elements as arrays. */
function xmlOf(feed: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => ['item', 'dc:creator', 'category'].includes(name),
  });
  return parser.parse(readFileSync(path.join(outDir, feed), 'utf8')).rss;
}

/** The file of the built site that an absolute URL of the site names. */
function fileOf(url: string): string {
  const { pathname } = new URL(url);
  const rel = decodeURIComponent(pathname).replace(/^\//, '');
  return path.join(outDir, rel, pathname.endsWith('/') ? 'index.html' : '');
}

const slugOf = (link: string) => link.replace(`${ORIGIN}/articles/`, '').replace(/\/$/, '');

beforeAll(async () => {
  // The same site as tests/integration/indexes.test.ts reads: built once per run.
  const result = await sharedBuild('basic');
  expect(result.status, result.stderr).toBe(0);
  outDir = result.outDir;

  expect(existsSync(PYTHON), `${PYTHON} is missing: apt-get install python3-feedparser`).toBe(true);
  const xmlFeeds = [...FEEDS, ...ATOM_FEEDS];
  const read = spawnSync(PYTHON, [path.join(ROOT, 'tests/helpers/read-feeds.py'), ...xmlFeeds.map((f) => path.join(outDir, f))], {
    encoding: 'utf8',
  });
  expect(read.status, read.stderr).toBe(0);
  const byPath = JSON.parse(read.stdout) as Record<string, ParsedFeed>;
  parsed = Object.fromEntries(xmlFeeds.map((f) => [f, byPath[path.join(outDir, f)]!]));
});

describe('feeds of the basic fixture', () => {
  it('writes the main feed and one feed per rubrique, series, author and tag, nothing else', () => {
    expect(globSync('**/rss.xml', { cwd: outDir }).map((f) => f.split(path.sep).join('/')).sort()).toEqual(FEEDS);
  });

  it('writes an Atom and a JSON Feed beside each RSS feed, nothing else', () => {
    const files = (pattern: string) => globSync(pattern, { cwd: outDir }).map((f) => f.split(path.sep).join('/')).sort();
    expect(files('**/atom.xml')).toEqual(ATOM_FEEDS);
    expect(files('**/feed.json')).toEqual(JSON_FEEDS);
  });

  it('is what every page links with <link rel="alternate">, in each format, with distinct French titles', () => {
    const TYPES = { 'application/rss+xml': 'RSS', 'application/atom+xml': 'Atom', 'application/feed+json': 'JSON Feed' } as const;
    const linked = new Map<string, string>();
    for (const page of globSync('**/*.html', { cwd: outDir })) {
      const { document } = parseHTML(readFileSync(path.join(outDir, page), 'utf8'));
      const links = [...document.querySelectorAll('link[rel="alternate"]')].filter((l) => l.getAttribute('type')! in TYPES);
      const titles = links.map((l) => l.getAttribute('title'));
      expect(new Set(titles).size, `${page}: ${titles.join(' | ')}`).toBe(titles.length);
      for (const link of links) {
        const format = TYPES[link.getAttribute('type') as keyof typeof TYPES];
        expect(link.getAttribute('title'), page).toMatch(new RegExp(`^.+ \\(${format}\\)$`));
        linked.set(link.getAttribute('href')!, format);
      }
    }
    // The home page, every rubrique and series page and every article announce the main feed.
    expect(linked.get(`${ORIGIN}/rss.xml`)).toBe('RSS');
    expect(linked.get(`${ORIGIN}/atom.xml`)).toBe('Atom');
    expect(linked.get(`${ORIGIN}/feed.json`)).toBe('JSON Feed');
    const home = parseHTML(readFileSync(path.join(outDir, 'index.html'), 'utf8')).document;
    expect([...home.querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('title'))).toEqual([
      'La Gazette de Test (RSS)',
      'La Gazette de Test (Atom)',
      'La Gazette de Test (JSON Feed)',
    ]);
    // No link to a missing feed, nor to a feed not offered.
    const files = [...FEEDS, ...ATOM_FEEDS, ...JSON_FEEDS].map((f) => `${ORIGIN}/${f}`);
    for (const url of linked.keys()) expect(files, url).toContain(url);
    const offered = OFFERED.flatMap((rss) => [rss, atomOf(rss), jsonOf(rss)]).map((f) => `${ORIGIN}/${f}`);
    expect([...linked.keys()].sort()).toEqual(offered.sort());
    // An author's page names their feed beside the magazine's; a tag's page below the threshold, the magazine's only.
    const alternates = (page: string) =>
      [...parseHTML(readFileSync(path.join(outDir, page), 'utf8')).document.querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('title'));
    expect(alternates('auteurs/bruno-petit/index.html')).toEqual([
      'La Gazette de Test (RSS)',
      'La Gazette de Test (Atom)',
      'La Gazette de Test (JSON Feed)',
      'Bruno Petit — La Gazette de Test (RSS)',
      'Bruno Petit — La Gazette de Test (Atom)',
      'Bruno Petit — La Gazette de Test (JSON Feed)',
    ]);
    expect(alternates('tags/cloud-souverain/index.html')).toEqual(['La Gazette de Test (RSS)', 'La Gazette de Test (Atom)', 'La Gazette de Test (JSON Feed)']);
  });

  it('links each feed in every format from « Suivez-nous »', () => {
    const { document } = parseHTML(readFileSync(path.join(outDir, 'articles/premier-episode/index.html'), 'utf8'));
    const hrefs = [...document.querySelectorAll('.follow-us a')].map((a) => a.getAttribute('href'));
    for (const feed of ['rss.xml', 'rubriques/cloud/rss.xml', 'series/un-an-apres/rss.xml']) {
      for (const file of [feed, atomOf(feed), jsonOf(feed)]) expect(hrefs).toContain(`/${file}`);
    }
  });

  it.each(FEEDS)('%s reads without error in Universal Feed Parser, as RSS 2.0', (feed) => {
    expect(parsed[feed]!.bozo_exception).toBeNull();
    expect(parsed[feed]!.bozo).toBe(false);
    expect(parsed[feed]!.version).toBe('rss20');
  });

  it('carries the published articles only, newest first', () => {
    const slugs = (feed: string) => parsed[feed]!.entries.map((e) => slugOf(e.link));
    expect(slugs('rss.xml')).toEqual(['premier-episode', 'lancement']);
    expect(slugs('rubriques/cloud/rss.xml')).toEqual(['premier-episode', 'lancement']);
    expect(slugs('series/un-an-apres/rss.xml')).toEqual(['premier-episode']);
    expect(slugs('auteurs/alice-martin/rss.xml')).toEqual(['premier-episode', 'lancement']);
    // Bruno's other articles are the draft and the scheduled episode.
    expect(slugs('auteurs/bruno-petit/rss.xml')).toEqual(['premier-episode']);
    expect(slugs('tags/cloud-souverain/rss.xml')).toEqual(['premier-episode', 'lancement']);
    expect(slugs('tags/openstack/rss.xml')).toEqual(['premier-episode']);
    // Its only articles are the draft and the scheduled episode.
    expect(slugs('rubriques/mobile/rss.xml')).toEqual([]);
    for (const feed of FEEDS) {
      const dates = parsed[feed]!.entries.map((e) => Date.parse(e.published));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
    }
  });

  it('never mentions the draft or the scheduled episode', () => {
    for (const feed of FEEDS) {
      const xml = readFileSync(path.join(outDir, feed), 'utf8');
      for (const secret of ['brouillon', 'Un brouillon secret', 'Texte du brouillon', 'episode-programme', 'Un épisode programmé', 'Texte programmé']) {
        expect(xml, `${feed} mentions "${secret}"`).not.toContain(secret);
      }
    }
  });

  it('gives each item its typeset title, permalink guid, date, lede, authors and categories', () => {
    const [episode, launch] = parsed['rss.xml']!.entries;
    expect(episode).toMatchObject({
      title: 'Un an après\u00A0: le premier épisode',
      link: `${ORIGIN}/articles/premier-episode/`,
      id: `${ORIGIN}/articles/premier-episode/`,
      published: 'Thu, 12 May 2016 08:00:00 +0200',
      summary: 'Le premier épisode de la série\u202F; une question\u202F?',
      authors: ['Alice Martin', 'Bruno Petit'],
      tags: ['Cloud', 'cloud souverain', 'OpenStack'],
    });
    expect(launch).toMatchObject({ authors: ['Alice Martin'], tags: ['Cloud', 'cloud souverain'], enclosures: [] });
    const guid = xmlOf('rss.xml').channel.item[0].guid;
    expect(guid).toEqual({ '#text': `${ORIGIN}/articles/premier-episode/`, '@isPermaLink': 'true' });
  });

  it('has the whole article in content:encoded: cover first, then the body with its components', () => {
    const html = parsed['rss.xml']!.entries[0]!.content[0]!;
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const first = document.body.firstElementChild!;
    expect(first.tagName).toBe('FIGURE');
    expect(first.querySelector('img')!.getAttribute('alt')).toBe('Des serveurs dans un centre de données');
    expect(first.textContent).toContain('Un centre de données en Normandie');
    const text = document.body.textContent!;
    expect(text).toContain('Le texte commence ici\u00A0: une phrase avec «\u00A0guillemets\u00A0»');
    expect(document.querySelector('h2')!.textContent).toBe('Un intertitre');
    // <Quote>: a blockquote, attributed.
    expect(document.querySelector('blockquote')!.textContent).toContain('Nous avons choisi l’open source\u202F!');
    expect(document.querySelector('blockquote')!.parentElement!.textContent).toMatch(/Jeanne Dupont, directrice/);
    // <Video youtube>: a plain link to the video's page on YouTube.
    expect([...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toContain('https://www.youtube.com/watch?v=aqz-KE-bpKQ');
    // <ReadAlso>: a paragraph with the link.
    const readAlso = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith('À lire aussi'))!;
    expect(readAlso.querySelector('a')!.getAttribute('href')).toBe(`${ORIGIN}/articles/lancement/`);
    // <Figure> and the Markdown image: plain <img> of real files.
    expect([...document.querySelectorAll('img')].map((i) => i.getAttribute('alt'))).toEqual(['Des serveurs dans un centre de données', 'Un schéma', 'Une carte']);
    expect(text).toContain('a ? b : c');
    expect(parsed['rss.xml']!.entries[1]!.content[0]).toContain('Le lancement a eu lieu. Voilà\u202F!');
  });

  it('uses absolute URLs only in content:encoded, to real files, with no script, picture or source', () => {
    let checked = 0;
    for (const feed of FEEDS) {
      for (const item of xmlOf(feed).channel.item ?? []) {
        // The raw HTML, as the build wrote it (Universal Feed Parser would resolve relative URLs and drop scripts itself).
        const { document } = parseHTML(`<!doctype html><html><body>${item['content:encoded']}</body></html>`);
        expect(document.querySelectorAll('script, picture, source, iframe, video, style')).toHaveLength(0);
        for (const el of document.querySelectorAll('[src], [href], [srcset], [poster]')) {
          for (const attr of ['src', 'href', 'poster']) {
            const url = el.getAttribute(attr);
            if (url === null) continue;
            expect(url, `${feed}: ${attr}="${url}"`).toMatch(/^https:\/\//);
            if (url.startsWith(`${ORIGIN}/`)) expect(existsSync(fileOf(url.replace(/#.*$/, ''))), `${url} is not a file of the site`).toBe(true);
            checked++;
          }
          expect(el.hasAttribute('srcset'), 'srcset in a feed').toBe(false);
        }
      }
    }
    // premier-episode (cover, figure, image, video, read-also link and a link
    // typed as HTML) in seven feeds: the magazine's, its rubrique's, its
    // series', its two authors' and its two tags'.
    expect(checked).toBe(7 * 6);
  });

  it('adds the cover as an enclosure: the 1200×630 Open Graph JPEG, with its exact length', async () => {
    const [enclosure] = parsed['rss.xml']!.entries[0]!.enclosures;
    expect(enclosure!.type).toBe('image/jpeg');
    expect(enclosure!.href).toMatch(new RegExp(`^${ORIGIN}/_images/[^/]+\\.jpg$`));
    const file = path.join(outDir, '_images', path.basename(new URL(enclosure!.href).pathname));
    expect(Number(enclosure!.length)).toBe(statSync(file).size);
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);
    // The same enclosure in every feed of the article.
    expect(parsed['series/un-an-apres/rss.xml']!.entries[0]!.enclosures).toEqual([enclosure]);
  });

  it('has the channel fields: link, language, self link, logo, lastBuildDate from the newest article', () => {
    const expected: Record<string, { link: string; title: string; lastBuildDate?: string }> = {
      // premier-episode, updated on 13 May 2016 at 10:30 in Paris.
      'rss.xml': { link: `${ORIGIN}/`, title: 'La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 10:30:00 +0200' },
      'rubriques/cloud/rss.xml': { link: `${ORIGIN}/rubriques/cloud/`, title: 'Cloud — La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 10:30:00 +0200' },
      'series/un-an-apres/rss.xml': { link: `${ORIGIN}/series/un-an-apres/`, title: 'Un an après — La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 10:30:00 +0200' },
      'auteurs/alice-martin/rss.xml': { link: `${ORIGIN}/auteurs/alice-martin/`, title: 'Alice Martin — La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 10:30:00 +0200' },
      'auteurs/bruno-petit/rss.xml': { link: `${ORIGIN}/auteurs/bruno-petit/`, title: 'Bruno Petit — La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 10:30:00 +0200' },
      'tags/cloud-souverain/rss.xml': { link: `${ORIGIN}/tags/cloud-souverain/`, title: 'cloud souverain — La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 10:30:00 +0200' },
      'tags/openstack/rss.xml': { link: `${ORIGIN}/tags/openstack/`, title: 'OpenStack — La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 10:30:00 +0200' },
      // No published article: no date at all rather than the clock's.
      'rubriques/mobile/rss.xml': { link: `${ORIGIN}/rubriques/mobile/`, title: 'Mobile — La Gazette de Test' },
    };
    for (const feed of FEEDS) {
      const rss = xmlOf(feed);
      expect(rss['@version']).toBe('2.0');
      expect(rss['@xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
      expect(rss['@xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
      expect(rss['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
      const c = rss.channel;
      expect(c.title).toBe(expected[feed]!.title);
      expect(c.link).toBe(expected[feed]!.link);
      expect(c.description).toBeTruthy();
      expect(c.language).toBe('fr-FR');
      expect(c.lastBuildDate).toBe(expected[feed]!.lastBuildDate);
      expect(c['atom:link']).toEqual({ '@href': `${ORIGIN}/${feed}`, '@rel': 'self', '@type': 'application/rss+xml' });
      expect(c.image.title).toBe(c.title);
      expect(c.image.link).toBe(c.link);
      expect(existsSync(fileOf(c.image.url)), `logo ${c.image.url}`).toBe(true);
      expect(parsed[feed]!.feed.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `${ORIGIN}/${feed}` }));
      // The fixture names no WebSub hub: no feed names one.
      expect(parsed[feed]!.feed.links.map((l) => l.rel)).not.toContain('hub');
    }
  });
});

/** The raw XML of an Atom feed, parsed with attributes kept and repeated elements as arrays. */
function atomXmlOf(feed: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => ['entry', 'link', 'author', 'category', 'id', 'title', 'updated'].includes(name),
  });
  return parser.parse(readFileSync(path.join(outDir, feed), 'utf8')).feed;
}

/** RFC 3339 date-time (the Atom and JSON Feed date format), offset required. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('Atom feeds of the basic fixture', () => {
  it.each(ATOM_FEEDS)('%s reads without error in Universal Feed Parser, as Atom 1.0', (feed) => {
    expect(parsed[feed]!.bozo_exception).toBeNull();
    expect(parsed[feed]!.bozo).toBe(false);
    expect(parsed[feed]!.version).toBe('atom10');
  });

  it.each(FEEDS)('%s and its Atom feed carry the same items: ids, links, titles, dates, ledes, authors, tags, cover, content', (rss) => {
    const atom = parsed[atomOf(rss)]!;
    const pick = (e: ParsedEntry) => ({
      id: e.id,
      link: e.link,
      title: e.title,
      published: e.published_ts,
      summary: e.summary,
      content: e.content,
      authors: e.authors,
      tags: e.tags,
      enclosures: e.enclosures,
    });
    expect(atom.entries.map(pick)).toEqual(parsed[rss]!.entries.map(pick));
    // The same HTML byte for byte, as the build wrote it.
    const rawAtom = (atomXmlOf(atomOf(rss)).entry ?? []).map((e: { content: { '#text': string } }) => e.content['#text']);
    expect(rawAtom).toEqual((xmlOf(rss).channel.item ?? []).map((i: Record<string, string>) => i['content:encoded']));
    expect(atom.feed.title).toBe(parsed[rss]!.feed.title);
    expect(atom.feed.link).toBe(parsed[rss]!.feed.link);
    expect(atom.feed.language).toBe('fr-FR');
  });

  it('dates an entry by its last change: the update of premier-episode, the publication of lancement', () => {
    const [episode, launch] = parsed['atom.xml']!.entries;
    expect(episode!.updated).toBe('2016-05-13T10:30:00+02:00');
    expect(episode!.published).toBe('2016-05-12T08:00:00+02:00');
    expect(launch!.updated_ts).toBe(launch!.published_ts);
  });

  // These assertions mirror the rules of the W3C Feed Validation Service
  // (validator.w3.org/feed) that apply to our Atom feeds, from RFC 4287:
  // one id, title and updated per feed and per entry; ids are absolute IRIs
  // and unique; dates are RFC 3339 with an offset; an author for the feed or
  // for every entry; a rel="self" link whose href is the feed's own URL; at
  // most one rel="alternate" link per type; an enclosure link has a MIME type
  // and a length in bytes.
  it.each(ATOM_FEEDS)('%s follows the rules of the W3C feed validator', (feed) => {
    const f = atomXmlOf(feed);
    expect(f['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(f['@xml:lang']).toBe('fr-FR');
    for (const field of ['id', 'title', 'updated']) expect(f[field], `feed ${field}`).toHaveLength(1);
    expect(() => new URL(f.id[0])).not.toThrow();
    expect(f.updated[0]).toMatch(RFC_3339);
    const self = f.link.filter((l: Record<string, string>) => l['@rel'] === 'self');
    expect(self).toEqual([{ '@rel': 'self', '@type': 'application/atom+xml', '@href': `${ORIGIN}/${feed}` }]);
    const alternates = f.link.filter((l: Record<string, string>) => (l['@rel'] ?? 'alternate') === 'alternate');
    expect(alternates.map((l: Record<string, string>) => l['@type'])).toEqual(['text/html']);
    const entries: Record<string, unknown[]>[] = f.entry ?? [];
    if (!f.author) for (const e of entries) expect(e.author, 'an entry without author in a feed without author').toBeDefined();
    for (const e of entries) {
      for (const field of ['id', 'title', 'updated']) expect(e[field], `entry ${field}`).toHaveLength(1);
      expect(() => new URL(e.id![0] as string)).not.toThrow();
      for (const date of ['updated', 'published']) expect(String(e[date]), date).toMatch(RFC_3339);
      expect(Date.parse(String(e.updated))).toBeGreaterThanOrEqual(Date.parse(String(e.published)));
      for (const a of (e.author ?? []) as { name?: string }[]) expect(a.name).toBeTruthy();
      for (const l of e.link as Record<string, string>[]) {
        expect(() => new URL(l['@href']!)).not.toThrow();
        if (l['@rel'] === 'enclosure') {
          expect(l['@type']).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
          expect(l['@length']).toMatch(/^\d+$/);
        }
      }
      expect((e.link as Record<string, string>[]).filter((l) => (l['@rel'] ?? 'alternate') === 'alternate')).toHaveLength(1);
    }
    const ids = entries.map((e) => e.id![0]);
    expect(new Set(ids).size).toBe(ids.length);
    // The feed changed when its newest entry did; never the clock.
    if (entries.length > 0) expect(Date.parse(f.updated[0])).toBe(Math.max(...entries.map((e) => Date.parse(String(e.updated)))));
  });

  it('gives an empty feed a fixed date, not the clock', () => {
    expect(Date.parse(atomXmlOf('rubriques/mobile/atom.xml').updated[0])).toBe(0);
  });
});

interface JsonFeed {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  language?: string;
  items: {
    id: string;
    url?: string;
    title?: string;
    content_html?: string;
    content_text?: string;
    summary?: string;
    image?: string;
    date_published?: string;
    date_modified?: string;
    authors?: { name?: string; url?: string }[];
    tags?: string[];
    language?: string;
  }[];
}

describe('JSON Feeds of the basic fixture', () => {
  const jsonOfFeed = (rss: string) => JSON.parse(readFileSync(path.join(outDir, jsonOf(rss)), 'utf8')) as JsonFeed;

  // The required fields of JSON Feed 1.1 (jsonfeed.org/version/1.1): version,
  // title, items; each item an id and content_html or content_text.
  it.each(FEEDS)('beside %s: JSON Feed 1.1 with its required fields, and its own URL', (rss) => {
    const feed = jsonOfFeed(rss);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe(parsed[rss]!.feed.title);
    expect(Array.isArray(feed.items)).toBe(true);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof (item.content_html ?? item.content_text)).toBe('string');
      for (const date of [item.date_published, item.date_modified]) expect(date).toMatch(RFC_3339);
    }
    expect(feed.home_page_url).toBe(parsed[rss]!.feed.link);
    expect(feed.feed_url).toBe(`${ORIGIN}/${jsonOf(rss)}`);
    expect(feed.language).toBe('fr-FR');
    // No WebSub hub in the fixture's site.yaml.
    expect(feed).not.toHaveProperty('hubs');
  });

  it.each(FEEDS)('beside %s: the same items as RSS, with the same content, cover, authors and tags', (rss) => {
    const items = jsonOfFeed(rss).items;
    const entries = parsed[rss]!.entries;
    // The HTML as the build wrote it (Universal Feed Parser rewrites the markup it reads).
    const rawContent = (xmlOf(rss).channel.item ?? []).map((i: Record<string, string>) => i['content:encoded']);
    expect(items.map((i) => i.id)).toEqual(entries.map((e) => e.id));
    items.forEach((item, n) => {
      const e = entries[n]!;
      expect(item).toMatchObject({ url: e.link, title: e.title, summary: e.summary, content_html: rawContent[n], tags: e.tags, language: 'fr-FR' });
      expect(Date.parse(item.date_published!) / 1000).toBe(e.published_ts);
      expect(item.authors!.map((a) => a.name)).toEqual(e.authors);
      expect(item.image).toBe(e.enclosures[0]?.href);
    });
  });
});

describe('the page a browser shows for a feed (public/feed.css; seen in Chromium by tests/e2e/feed-pages.test.ts)', () => {
  it.each([...FEEDS, ...ATOM_FEEDS])('%s names /feed.css, a file of the site, as a CSS stylesheet, and no XSL', (feed) => {
    const head = readFileSync(path.join(outDir, feed), 'utf8').slice(0, 200);
    expect(head).toMatch(/^<\?xml [^?]*\?>\s*<\?xml-stylesheet type="text\/css" href="\/feed\.css"\?>/);
    expect(head).not.toContain('xsl');
    expect(existsSync(path.join(outDir, 'feed.css'))).toBe(true);
    expect(globSync('**/*.xsl', { cwd: outDir })).toEqual([]);
  });

  it.each([...FEEDS, ...ATOM_FEEDS])('%s links to « S’abonner » and to its own page', (feed) => {
    const xml = readFileSync(path.join(outDir, feed), 'utf8');
    const rss = parsed[feed.replace(/atom\.xml$/, 'rss.xml')]!;
    expect(xml).toContain(`<h:a href="${ORIGIN}/sabonner/">`);
    expect(xml).toContain(`<h:a href="${rss.feed.link}">Aller sur le site</h:a>`);
  });

  it('« S’abonner » lists every feed offered in each format: the magazine, rubriques, series and authors, not the tags below 3 articles', () => {
    const page = parseHTML(readFileSync(path.join(outDir, 'sabonner/index.html'), 'utf8')).document;
    const shown = [...page.querySelectorAll('main code')].map((c) => c.textContent);
    expect([...page.querySelectorAll('main h2')].map((h) => h.textContent)).toContain('Par auteur');
    expect([...page.querySelectorAll('main h2')].map((h) => h.textContent)).not.toContain('Par mot-clé');
    const expected = OFFERED.flatMap((rss) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${ORIGIN}/${rss.replace(/rss\.xml$/, f)}`));
    expect(shown.sort()).toEqual(expected.sort());
  });

  it('works under the site’s Content-Security-Policy: style-src allows a file of the site', () => {
    const rules = parseHeadersFile(readFileSync(path.join(outDir, '_headers'), 'utf8'));
    for (const feed of ['rss.xml', 'atom.xml', 'series/un-an-apres/rss.xml']) {
      const [csp] = headersFor(rules, `/${feed}`).get('Content-Security-Policy') ?? [];
      const styleSrc = csp!.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'style-src')!;
      expect(styleSrc).toContain("'self'");
      expect(styleSrc).not.toContain("'unsafe-inline'");
    }
  });
});
