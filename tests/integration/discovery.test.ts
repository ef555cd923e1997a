/**
 * DESIGN §7 on the sample magazine: the sitemaps list every public page and
 * nothing unpublished, the Google News sitemap holds the last 48 hours only,
 * robots.txt names both; SITE_URL moves every absolute URL.
 */
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSite, fixture, readPage } from '../helpers/build.ts';

const ORIGIN = 'https://echo-numerique.example';
const UNPUBLISHED = ['cles-d-acces-mode-d-emploi', 'un-an-apres-portefeuille-identite'];
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap'].includes(name) });
let site: string;
const read = (file: string) => readFileSync(path.join(site, file), 'utf8');

beforeAll(() => {
  site = inject('sampleSite');
});

describe('sitemaps', () => {
  it('list every public HTML page exactly once, and nothing unpublished', () => {
    const index = xml.parse(read('sitemap-index.xml'));
    const locs: string[] = index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    const urls = locs.flatMap((loc) => xml.parse(read(new URL(loc).pathname)).urlset.url.map((u: { loc: string }) => u.loc));
    const pages = globSync('**/index.html', { cwd: site })
      .map((f) => `${ORIGIN}/${path.dirname(f) === '.' ? '' : `${path.dirname(f)}/`}`)
      .filter((u) => !u.includes('/recherche/'));
    expect(new Set(urls).size).toBe(urls.length);
    expect([...urls].sort()).toEqual(pages.sort());
    expect(urls).toContain(`${ORIGIN}/articles/un-an-apres-cloudwatt/`);
    for (const slug of UNPUBLISHED) expect(urls.some((u: string) => u.includes(slug))).toBe(false);
  });

  it('news-sitemap.xml follows the Google News format and holds only the articles of the 48 hours before now', () => {
    const doc = xml.parse(read('news-sitemap.xml'));
    expect(doc.urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const entries = doc.urlset.url as { loc: string; 'news:news': Record<string, any> }[];
    // "Now" is 2026-11-28T12:00+01:00: the three articles of 27 November, newest first.
    expect(entries.map((u) => u.loc)).toEqual([
      `${ORIGIN}/articles/en-direct-panne-hebergeur-nubeo/`,
      `${ORIGIN}/articles/etiquette-energie-smartphones-bilan/`,
      `${ORIGIN}/articles/black-friday-arnaques-faux-colis/`,
    ]);
    const news = entries[0]!['news:news'];
    expect(news['news:publication']['news:name']).toBe('L’Écho du Numérique');
    expect(news['news:publication']['news:language']).toBe('fr');
    expect(news['news:publication_date']).toBe('2026-11-27T18:00:00+01:00');
    expect(String(news['news:title']).length).toBeGreaterThan(10);
  });

  it('robots.txt allows crawling and names both sitemaps', () => {
    const robots = read('robots.txt');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toContain(`Sitemap: ${ORIGIN}/sitemap-index.xml`);
    expect(robots).toContain(`Sitemap: ${ORIGIN}/news-sitemap.xml`);
  });

  it('gives index pages a CollectionPage and the 404 page no canonical and noindex', () => {
    const rubrique = readPage(site, '/rubriques/cloud/');
    const ld = [...rubrique.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!));
    const collection = ld.find((x) => x['@type'] === 'CollectionPage');
    expect(collection.url).toBe(`${ORIGIN}/rubriques/cloud/`);
    expect(collection.mainEntity.itemListElement.length).toBeGreaterThan(0);
    const notFound = readPage(site, '/404.html');
    expect(notFound.querySelector('link[rel="canonical"]')).toBeNull();
    expect(notFound.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
  });
});

describe('SITE_URL', () => {
  it('overrides the origin of site.yaml in canonical URLs, metadata, feeds and sitemaps', () => {
    const result = buildSite({ contentDir: fixture('basic'), env: { SITE_URL: 'https://autre.example/' } });
    expect(result.status, result.stderr).toBe(0);
    const page = readPage(result.outDir, '/articles/premier-episode/');
    expect(page.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('https://autre.example/articles/premier-episode/');
    expect(page.querySelector('meta[property="og:image"]')?.getAttribute('content')).toMatch(/^https:\/\/autre\.example\/_images\//);
    const out = (f: string) => readFileSync(path.join(result.outDir, f), 'utf8');
    expect(out('rss.xml')).toContain('<link>https://autre.example/articles/premier-episode/</link>');
    expect(out('sitemap-0.xml')).toContain('https://autre.example/articles/premier-episode/');
    expect(out('sitemap-0.xml')).not.toContain('gazette.example');
    expect(out('robots.txt')).toContain('Sitemap: https://autre.example/sitemap-index.xml');
  });
});
