/**
 * The author and tag feeds of the sample magazine (the global setup's
 * build): each one read by the Universal Feed Parser and JSON.parse, named
 * in its page's head and on « S'abonner » when offered (every author; the
 * tags from TAG_FEED_MIN_ARTICLES published articles), written but not
 * offered below. The sample's site.yaml names no WebSub hub: no feed, no
 * page names one.
 */
import { spawnSync } from 'node:child_process';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TAG_FEED_MIN_ARTICLES } from '../../src/lib/feed.ts';
import { ROOT } from '../helpers/build.ts';

const site = inject('sampleSite');
const ORIGIN = 'https://echo-numerique.example';
const PYTHON = '/usr/bin/python3';

interface Parsed {
  bozo: boolean;
  version: string;
  feed: { title: string; link: string; links: { rel: string; href: string }[] };
  entries: { link: string; content: string[] }[];
}

const files = (pattern: string) => globSync(pattern, { cwd: site }).map((f) => f.split(path.sep).join('/')).sort();
const AUTHOR_PAGES = files('auteurs/*/index.html');
const TAG_PAGES = files('tags/*/index.html');
const folderOf = (page: string) => page.replace(/index\.html$/, '');
const doc = (file: string) => parseHTML(readFileSync(path.join(site, file), 'utf8')).document;
const alternates = (page: string) => [...doc(page).querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('href'));

let parsed: Record<string, Parsed>;
beforeAll(() => {
  const xml = [...AUTHOR_PAGES, ...TAG_PAGES].flatMap((page) => ['rss.xml', 'atom.xml'].map((f) => `${folderOf(page)}${f}`));
  const run = spawnSync(PYTHON, [path.join(ROOT, 'tests/helpers/read-feeds.py'), ...xml.map((f) => path.join(site, f))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status, run.stderr).toBe(0);
  const byPath = JSON.parse(run.stdout) as Record<string, Parsed>;
  parsed = Object.fromEntries(xml.map((f) => [f, byPath[path.join(site, f)]!]));
});

/** The tags of the sample, by whether their feed is offered (from the articles their own feed carries). */
const tagsBy = (offered: boolean) => TAG_PAGES.filter((page) => parsed[`${folderOf(page)}rss.xml`]!.entries.length >= TAG_FEED_MIN_ARTICLES === offered);

describe('author and tag feeds of the sample', () => {
  it('has a feed for every author page and every tag page, in the three formats', () => {
    expect(AUTHOR_PAGES.length).toBeGreaterThan(0);
    for (const page of [...AUTHOR_PAGES, ...TAG_PAGES]) {
      for (const f of ['rss.xml', 'atom.xml', 'feed.json']) expect(files(`${folderOf(page)}${f}`), `${folderOf(page)}${f}`).toHaveLength(1);
    }
  });

  it('the sample has tags on both sides of the threshold', () => {
    expect(tagsBy(true).length).toBeGreaterThan(0);
    expect(tagsBy(false).length).toBeGreaterThan(0);
  });

  it('reads every one without error in Universal Feed Parser, as RSS 2.0 and Atom 1.0, titled and linked to its page', () => {
    for (const page of [...AUTHOR_PAGES, ...TAG_PAGES]) {
      const folder = folderOf(page);
      const rss = parsed[`${folder}rss.xml`]!;
      const atom = parsed[`${folder}atom.xml`]!;
      expect([rss.bozo, rss.version], folder).toEqual([false, 'rss20']);
      expect([atom.bozo, atom.version], folder).toEqual([false, 'atom10']);
      expect(rss.feed.link).toBe(`${ORIGIN}/${folder}`);
      expect(rss.feed.title).toMatch(/^.+ — L’Écho du Numérique$/);
      expect(atom.entries.map((e) => e.link)).toEqual(rss.entries.map((e) => e.link));
      // Full content, as the site feeds.
      for (const e of rss.entries) expect(e.content[0]!.length, e.link).toBeGreaterThan(200);
      const json = JSON.parse(readFileSync(path.join(site, `${folder}feed.json`), 'utf8')) as { version: string; feed_url: string; items: { url: string }[] };
      expect(json.version).toBe('https://jsonfeed.org/version/1.1');
      expect(json.feed_url).toBe(`${ORIGIN}/${folder}feed.json`);
      expect(json.items.map((i) => i.url)).toEqual(rss.entries.map((e) => e.link));
    }
  });

  it('names each author’s feed in the head of their page, and each tag’s from 3 articles on', () => {
    for (const page of [...AUTHOR_PAGES, ...tagsBy(true)]) {
      for (const f of ['rss.xml', 'atom.xml', 'feed.json']) expect(alternates(page), page).toContain(`${ORIGIN}/${folderOf(page)}${f}`);
    }
    for (const page of tagsBy(false)) expect(alternates(page).filter((href) => href!.includes('/tags/')), page).toEqual([]);
  });

  it('« S’abonner » lists every author’s feed and the feeds of the tags from 3 articles, in each format', () => {
    const page = doc('sabonner/index.html');
    const shown = new Set([...page.querySelectorAll('main code')].map((c) => c.textContent));
    for (const p of [...AUTHOR_PAGES, ...tagsBy(true)]) {
      for (const f of ['rss.xml', 'atom.xml', 'feed.json']) expect(shown.has(`${ORIGIN}/${folderOf(p)}${f}`), `${folderOf(p)}${f}`).toBe(true);
    }
    for (const p of tagsBy(false)) expect(shown.has(`${ORIGIN}/${folderOf(p)}rss.xml`), p).toBe(false);
    const headings = [...page.querySelectorAll('main h2')].map((h) => h.textContent);
    expect(headings).toEqual(expect.arrayContaining(['Par auteur', 'Par mot-clé']));
    expect(page.querySelector('#mots-cles + p')?.textContent).toBe(`Les mots-clés d’au moins ${TAG_FEED_MIN_ARTICLES}\u00A0articles.`);
  });

  it('names no WebSub hub anywhere: the sample’s site.yaml has none', () => {
    for (const feed of Object.values(parsed)) expect(feed.feed.links.map((l) => l.rel)).not.toContain('hub');
    for (const file of files('**/feed.json')) expect(JSON.parse(readFileSync(path.join(site, file), 'utf8')), file).not.toHaveProperty('hubs');
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).not.toContain('rel="hub"');
  });
});
