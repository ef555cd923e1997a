/**
 * Genres, sponsored content, « Sommaire » and microformats in the built
 * sample (content/): an analysis (clouds-hybrides-bleu-s3ns) and an
 * affiliate test (test-batterie-externe-ampere-20), read as readers, search
 * engines, feed readers and IndieWeb tools read them: HTML parsed, JSON-LD
 * parsed, feeds through feedparser, microformats through an mf2 parser.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mf2 } from 'microformats-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPage } from '../helpers/build.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ANALYSIS = '/articles/clouds-hybrides-bleu-s3ns/';
const AFFILIATE = '/articles/test-batterie-externe-ampere-20/';

let site: string;
beforeAll(() => {
  site = inject('sampleSite');
});
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const jsonLdOf = (doc: Document) => [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!) as Record<string, any>);
const originOf = (doc: Document) => new URL(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')!).origin;

describe('labels', () => {
  it('stand above the title of the article page', () => {
    const doc = readPage(site, AFFILIATE);
    const labels = doc.querySelector('.article__header .labels');
    expect(text(labels)).toBe('Liens affiliés · Test');
    expect(labels!.compareDocumentPosition(doc.querySelector('.article__header h1')!) & 4, 'before the title').toBeTruthy();
    expect(text(readPage(site, ANALYSIS).querySelector('.article__header .labels'))).toBe('Analyse');
  });

  it('are on the cards, and on no plain news article', () => {
    const rubrique = readPage(site, '/rubriques/mobile/');
    const card = [...rubrique.querySelectorAll('.card')].find((c) => c.querySelector(`a[href="${AFFILIATE}"]`));
    expect(text(card?.querySelector('.card__kicker'))).toBe('Liens affiliés · Test');
    const plain = readPage(site, '/articles/usb-c-chargeur-universel/');
    expect(plain.querySelector('.labels')).toBeNull();
  });

  it('open the article in the feeds, as feed readers read them', () => {
    const files = ['rss.xml', 'atom.xml'].map((f) => path.join(site, f));
    const read = spawnSync('/usr/bin/python3', [path.join(ROOT, 'tests/helpers/read-feeds.py'), ...files], { encoding: 'utf8' });
    const feeds = JSON.parse(read.stdout) as Record<string, { bozo: boolean; entries: { link: string; content: string[] }[] }>;
    for (const file of files) {
      const feed = feeds[file]!;
      expect(feed.bozo, file).toBe(false);
      const entry = feed.entries.find((e) => e.link.endsWith(AFFILIATE))!;
      const content = parseHTML(`<!doctype html><html><body>${entry.content[0]}</body></html>`).document;
      expect(text(content.body.firstElementChild), file).toBe('Liens affiliés · Test');
      const links = [...content.querySelectorAll('a[href^="http"]')];
      const outbound = links.filter((a) => !a.getAttribute('href')!.startsWith(originOf(readPage(site, AFFILIATE))));
      expect(outbound.map((a) => a.getAttribute('href')), file).toEqual(['https://www.usb.org/usb-charger-pd', 'https://www.amazon.fr/dp/B0AMPERE20?tag=echonumerique-21']);
      for (const a of links) expect(a.getAttribute('rel'), a.getAttribute('href')!).toBe(outbound.includes(a) ? 'sponsored' : null);
    }
  });
});

describe('rel="sponsored"', () => {
  it('is on every outbound link of the affiliate article’s body, and on no link of the site itself', () => {
    const doc = readPage(site, AFFILIATE);
    const links = [...doc.querySelectorAll('.article__body a')];
    expect(links.length).toBe(3);
    for (const a of links) expect(a.getAttribute('rel'), a.getAttribute('href')!).toBe(a.getAttribute('href')!.startsWith('https://') ? 'sponsored' : null);
    const plain = readPage(site, ANALYSIS);
    expect(plain.querySelectorAll('.article__body a[rel~="sponsored"]')).toHaveLength(0);
  });
});

describe('structured data', () => {
  // Google's Article structured data has no required property; these are the recommended ones.
  const recommended = (ld: Record<string, any>) => {
    expect(typeof ld.headline).toBe('string');
    expect(ld.headline.length).toBeLessThanOrEqual(110);
    expect(Date.parse(ld.datePublished)).not.toBeNaN();
    expect(Date.parse(ld.dateModified)).not.toBeNaN();
    expect(ld.author.length).toBeGreaterThan(0);
    for (const a of ld.author) {
      expect(a['@type']).toBe('Person');
      expect(a.name).toBeTruthy();
      expect(URL.canParse(a.url)).toBe(true);
    }
    expect(ld.image.length).toBeGreaterThan(0);
    for (const url of ld.image) expect(URL.canParse(url)).toBe(true);
  };

  it('types each article by its genre, with every property Google recommends for an Article', () => {
    const analysis = jsonLdOf(readPage(site, ANALYSIS)).find((ld) => ld['@type'] !== 'BreadcrumbList')!;
    expect(analysis['@type']).toBe('AnalysisNewsArticle');
    recommended(analysis);
    const test = jsonLdOf(readPage(site, AFFILIATE)).find((ld) => ld['@type'] !== 'BreadcrumbList')!;
    expect(test['@type']).toBe('ReviewNewsArticle');
    expect(test, 'a merchant paying commissions did not sponsor the test').not.toHaveProperty('sponsor');
    const plain = jsonLdOf(readPage(site, '/articles/usb-c-chargeur-universel/')).find((ld) => ld['@type'] !== 'BreadcrumbList')!;
    expect(plain['@type']).toBe('NewsArticle');
  });
});

describe('« Sommaire »', () => {
  it('lists the sections of an article with three ## headings, before its body, each link to a heading of the page', () => {
    const doc = readPage(site, ANALYSIS);
    const nav = doc.querySelector('nav.toc')!;
    expect(doc.getElementById(nav.getAttribute('aria-labelledby')!)?.textContent).toBe('Sommaire');
    expect(nav.compareDocumentPosition(doc.querySelector('.article__body')!) & 4, 'before the body').toBeTruthy();
    const targets = [...nav.querySelectorAll('a')].map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1)));
    const headings = [...doc.querySelectorAll('.article__body h2')].map((h) => h.id);
    expect(targets).toEqual(headings);
    expect(headings).toHaveLength(3);
  });

  it('is not in the feeds, nor on an article with fewer sections', () => {
    expect(readFileSync(path.join(site, 'feed.json'), 'utf8')).not.toContain('Sommaire');
    expect(readPage(site, AFFILIATE).querySelector('nav.toc')).toBeNull();
  });
});

describe('microformats', () => {
  it('an mf2 parser reads the article page as an h-entry: name, dates, author, URL, categories, summary, content', () => {
    const html = readFileSync(path.join(site, ANALYSIS, 'index.html'), 'utf8');
    const origin = originOf(readPage(site, ANALYSIS));
    const parsed = mf2(html, { baseUrl: `${origin}${ANALYSIS}` });
    // The page's own entry is the first, and the one whose URL is the page's
    // (the representative h-entry); the related articles' cards follow.
    const entries = parsed.items.filter((i) => i.type?.includes('h-entry'));
    expect(entries.filter((e) => e.properties.url?.[0] === `${origin}${ANALYSIS}`)).toEqual([entries[0]]);
    const p = entries[0]!.properties;
    expect(p.name).toEqual(['Bleu et S3NS\u00A0: la technologie américaine sous pavillon français']);
    expect(p.published).toEqual(['2026-01-20T08:00:00+01:00']);
    expect(p.url).toEqual([`${origin}${ANALYSIS}`]);
    const author = p.author![0] as { type: string[]; properties: Record<string, string[]> };
    expect(author.type).toEqual(['h-card']);
    expect(author.properties.name).toEqual(['Marie Durand']);
    expect(author.properties.url).toEqual([`${origin}/auteurs/marie-durand/`]);
    expect(p.category).toEqual(expect.arrayContaining(['Cloud', 'SecNumCloud']));
    expect(String(p.summary![0])).toMatch(/^Deuxième volet de notre enquête/);
    expect((p.content![0] as { value: string }).value).toContain('Comment fonctionne le modèle');
  });

  it('lists pages are h-feeds of h-entries', () => {
    const parsed = mf2(readFileSync(path.join(site, 'rubriques/mobile/index.html'), 'utf8'), { baseUrl: 'https://example.org/' });
    const feed = parsed.items.find((i) => i.type?.includes('h-feed'))!;
    const names = (feed.children ?? []).map((c) => String(c.properties.name?.[0]));
    expect(names).toContain('Test de la batterie Ampère 20\u00A0: une recharge rapide qui tient ses promesses');
  });
});
