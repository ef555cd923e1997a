/**
 * DESIGN §6: the feeds of a built fixture, read by the Universal Feed Parser
 * (what many feed readers use) and by a real XML parser. The fixture has a
 * draft ("brouillon") and a scheduled episode ("episode-programme"): neither
 * may appear anywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture, ROOT } from '../helpers/build.ts';

const ORIGIN = 'https://gazette.example';
/** Debian's interpreter, which has python3-feedparser (the `python3` on PATH may be another one). */
const PYTHON = '/usr/bin/python3';

interface ParsedEntry {
  title: string;
  link: string;
  id: string;
  guidislink: boolean;
  published: string;
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
  feed: { title: string; link: string; language: string; updated?: string; links: { rel: string; href: string }[]; image?: string };
  entries: ParsedEntry[];
}

const FEEDS = ['rss.xml', 'rubriques/cloud/rss.xml', 'rubriques/mobile/rss.xml', 'series/un-an-apres/rss.xml'];

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

beforeAll(() => {
  const result = buildSite({ contentDir: fixture('basic') });
  expect(result.status, result.stderr).toBe(0);
  outDir = result.outDir;

  expect(existsSync(PYTHON), `${PYTHON} is missing: apt-get install python3-feedparser`).toBe(true);
  const read = spawnSync(PYTHON, [path.join(ROOT, 'tests/helpers/read-feeds.py'), ...FEEDS.map((f) => path.join(outDir, f))], {
    encoding: 'utf8',
  });
  expect(read.status, read.stderr).toBe(0);
  const byPath = JSON.parse(read.stdout) as Record<string, ParsedFeed>;
  parsed = Object.fromEntries(FEEDS.map((f) => [f, byPath[path.join(outDir, f)]!]));
});

describe('feeds of the basic fixture', () => {
  it('writes the main feed and one feed per rubrique and series, nothing else', () => {
    expect(globSync('**/rss.xml', { cwd: outDir }).map((f) => f.split(path.sep).join('/')).sort()).toEqual(FEEDS);
  });

  it('is what every page links with <link rel="alternate">: no link to a missing feed', () => {
    const linked = new Set<string>();
    for (const page of globSync('**/*.html', { cwd: outDir })) {
      const { document } = parseHTML(readFileSync(path.join(outDir, page), 'utf8'));
      for (const link of document.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')) linked.add(link.getAttribute('href')!);
    }
    expect(linked).toContain(`${ORIGIN}/rss.xml`);
    for (const url of linked) expect(FEEDS.map((f) => `${ORIGIN}/${f}`), url).toContain(url);
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
      published: 'Thu, 12 May 2016 06:00:00 GMT',
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
    // typed as HTML) in three feeds.
    expect(checked).toBe(3 * 6);
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
      'rss.xml': { link: `${ORIGIN}/`, title: 'La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 08:30:00 GMT' },
      'rubriques/cloud/rss.xml': { link: `${ORIGIN}/rubriques/cloud/`, title: 'Cloud — La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 08:30:00 GMT' },
      'series/un-an-apres/rss.xml': { link: `${ORIGIN}/series/un-an-apres/`, title: 'Un an après — La Gazette de Test', lastBuildDate: 'Fri, 13 May 2016 08:30:00 GMT' },
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
    }
  });
});
