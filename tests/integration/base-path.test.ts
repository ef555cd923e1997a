/**
 * A magazine hosted under a path (`SITE_URL=https://example.org/magazine/`):
 * the small fixture is built once for it, then
 * - every URL of every page, feed, sitemap, robots.txt and _headers is read
 *   with real parsers: each one is external, or under /magazine/ and names a
 *   file the build wrote;
 * - Chromium opens the home page, an article and the search page on a server
 *   that answers /magazine/ only: no failed request, no console error, and
 *   a search for « cloud » finds an article.
 */
import { existsSync, globSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { parseHeadersFile } from '../helpers/serve.ts';
import { serveStatic } from '../helpers/serve.ts';
import { watchContext } from '../e2e/browser.ts';
import { servedInChromium } from '../e2e/served.ts';
import { htmlFiles } from '../e2e/site-pages.ts';

const ORIGIN = 'https://example.org';
const BASE = '/magazine/';
const SITE = `${ORIGIN}${BASE}`;
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap'].includes(name) });
const rss = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' });

let out: string;

beforeAll(async () => {
  // The same site as tests/integration/host.test.ts serves: built once per run.
  const result = await sharedBuild('basic-under-path');
  out = result.outDir;
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
});

const read = (file: string) => readFileSync(path.join(out, file), 'utf8');
const pages = () => htmlFiles(out).map((f) => f.split(path.sep).join('/')).sort();
const hasScheme = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');

/** The file a URL path of the site is served from, or undefined when the build wrote none. */
function fileOf(urlPath: string): string | undefined {
  if (!urlPath.startsWith(BASE)) return undefined;
  const relative = decodeURIComponent(urlPath.slice(BASE.length).split(/[?#]/)[0]!);
  let file = path.join(out, relative);
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/**
 * What is wrong with one URL found in the output ('' when nothing): a site
 * path must be under the base and exist; an absolute URL on the site's host
 * must be under https://example.org/magazine/ and exist; other hosts and
 * schemes are external.
 */
function problemWith(url: string, where: string): string {
  if (url.startsWith('#')) return '';
  if (hasScheme(url)) {
    const parsed = new URL(url, ORIGIN);
    if (parsed.origin !== ORIGIN) return '';
    if (!parsed.href.startsWith(SITE)) return `${where}: ${url} is on the site's host but not under ${SITE}`;
    return fileOf(parsed.pathname) ? '' : `${where}: ${url} names no file of the build`;
  }
  if (!url.startsWith(BASE)) return `${where}: ${url} is not under ${BASE}`;
  return fileOf(url) ? '' : `${where}: ${url} names no file of the build`;
}

/** Every URL an HTML document points to: href, src, srcset candidates, poster, form actions, and the search bundle. */
function urlsOf(document: Document): string[] {
  const urls: string[] = [];
  for (const el of document.querySelectorAll('[href], [src], [srcset], [poster], form[action], [data-bundle]')) {
    for (const name of ['href', 'src', 'poster', 'action', 'data-bundle']) {
      const value = el.getAttribute(name);
      if (value !== null) urls.push(value.trim());
    }
    const srcset = el.getAttribute('srcset');
    if (srcset) urls.push(...srcset.split(',').map((c) => c.trim().split(/\s+/)[0]!));
  }
  return urls;
}

/** Every string of a JSON-LD value that is a URL. */
function jsonLdUrls(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(jsonLdUrls);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonLdUrls);
  return [];
}

describe('a build for https://example.org/magazine/', () => {
  it('writes the site at the root of the output folder, as Astro does', () => {
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'magazine'))).toBe(false);
    expect(pages().length).toBeGreaterThan(5);
  });

  it('links every page only to files under /magazine/ that exist, or outside the site', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of pages()) {
      for (const url of urlsOf(parseHTML(read(file)).document)) {
        checked++;
        const problem = problemWith(url, file);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('links the assets Astro bundles (CSS, scripts) under /magazine/_astro/', () => {
    const document = parseHTML(read('articles/premier-episode/index.html')).document;
    const styles = [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href'));
    expect(styles.length).toBeGreaterThan(0);
    for (const href of styles) expect(href).toMatch(/^\/magazine\/_astro\//);
  });

  it('keeps a writer’s site link in an article body under /magazine/', () => {
    const document = parseHTML(read('articles/premier-episode/index.html')).document;
    const links = [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    expect(links).toContain('/magazine/articles/lancement/');
  });

  it('gives every page a canonical URL, Open Graph and JSON-LD under https://example.org/magazine/', () => {
    const problems: string[] = [];
    for (const file of pages()) {
      const document = parseHTML(read(file)).document;
      const urls = [
        ...[...document.querySelectorAll('link[rel="canonical"], link[rel="alternate"]')].map((l) => l.getAttribute('href')!),
        ...[...document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')]
          .map((m) => m.getAttribute('content')!)
          .filter((c) => /^https?:/.test(c)),
        ...[...document.querySelectorAll('script[type="application/ld+json"]')].flatMap((s) => jsonLdUrls(JSON.parse(s.textContent!))),
      ];
      for (const url of urls) {
        if (!url.startsWith(SITE) && new URL(url).origin === ORIGIN) problems.push(`${file}: ${url}`);
        const problem = problemWith(url, file);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    const article = parseHTML(read('articles/premier-episode/index.html')).document;
    expect(article.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${SITE}articles/premier-episode/`);
    expect(article.querySelector('meta[property="og:url"]')?.getAttribute('content')).toBe(`${SITE}articles/premier-episode/`);
    expect(article.querySelector('meta[property="og:image"]')?.getAttribute('content')).toMatch(/^https:\/\/example\.org\/magazine\/_images\//);
    const ld = [...article.querySelectorAll('script[type="application/ld+json"]')].flatMap((s) => jsonLdUrls(JSON.parse(s.textContent!)));
    expect(ld).toContain(`${SITE}articles/premier-episode/`);
  });

  it('builds feeds whose every URL is absolute and under https://example.org/magazine/', () => {
    const feeds = globSync('**/rss.xml', { cwd: out }).sort();
    expect(feeds.length).toBeGreaterThanOrEqual(3);
    const problems: string[] = [];
    for (const file of feeds) {
      const channel = rss.parse(read(file)).rss.channel;
      const self = channel['atom:link']['@_href'] as string;
      expect(self, file).toBe(`${SITE}${file}`);
      const urls: string[] = [channel.link, self];
      if (channel.image) urls.push(channel.image.url, channel.image.link);
      for (const item of channel.item ?? []) {
        urls.push(item.link, item.guid['#text']);
        if (item.enclosure) urls.push(item.enclosure['@_url']);
        const body = parseHTML(`<!doctype html><html><body>${item['content:encoded']}</body></html>`).document;
        for (const url of urlsOf(body)) {
          if (!hasScheme(url) && !url.startsWith('#')) problems.push(`${file}: ${url} in content:encoded is not absolute`);
          else urls.push(url);
        }
      }
      for (const url of urls) {
        expect(url, file).toMatch(/^[a-z]+:|^#/);
        const problem = problemWith(url, file);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    const main = rss.parse(read('rss.xml')).rss.channel;
    expect(main.link).toBe(SITE);
    const item = main.item.find((i: { link: string }) => i.link.endsWith('/premier-episode/'));
    expect(item.link).toBe(`${SITE}articles/premier-episode/`);
    expect(item.enclosure['@_url']).toMatch(/^https:\/\/example\.org\/magazine\/_images\/.+\.jpg$/);
    expect(item['content:encoded']).toContain(`href="${SITE}articles/lancement/"`);
  });

  it('lists in the sitemaps only pages under https://example.org/magazine/, and robots.txt names them there', () => {
    const index = xml.parse(read('sitemap-index.xml'));
    const sitemaps: string[] = index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    expect(sitemaps.length).toBeGreaterThan(0);
    const urls = sitemaps.flatMap((loc) => {
      expect(loc.startsWith(SITE), loc).toBe(true);
      return xml.parse(readFileSync(fileOf(new URL(loc).pathname)!, 'utf8')).urlset.url.map((u: { loc: string }) => u.loc);
    });
    expect(urls).toContain(SITE);
    expect(urls).toContain(`${SITE}articles/premier-episode/`);
    for (const url of urls) expect(problemWith(url, 'sitemap')).toBe('');

    const news = xml.parse(read('news-sitemap.xml')).urlset;
    for (const url of (news.url ?? []).map((u: { loc: string }) => u.loc)) expect(problemWith(url, 'news-sitemap.xml')).toBe('');

    const robots = read('robots.txt');
    const named = [...robots.matchAll(/^Sitemap: (\S+)$/gm)].map((m) => m[1]!);
    expect(named).toEqual([`${SITE}sitemap-index.xml`, `${SITE}news-sitemap.xml`]);
    for (const url of named) expect(problemWith(url, 'robots.txt')).toBe('');
    expect(robots).toMatch(/^Allow: \/magazine\/$/m);
  });

  it('writes _headers for paths under /magazine/ only', () => {
    const rules = parseHeadersFile(read('_headers'));
    expect(rules.slice(0, 4).map((r) => r.pattern)).toEqual(['/magazine/*', '/magazine/_astro/*', '/magazine/_images/*', '/magazine/_media/*']);
    // Then the Content-Security-Policy of each part of the site, under /magazine/ too.
    for (const rule of rules) expect(rule.pattern).toMatch(/^\/magazine\//);
    expect(rules.map((r) => r.pattern)).toEqual(expect.arrayContaining(['/magazine/', '/magazine/articles/*', '/magazine/recherche/*', '/magazine/rss.xml']));
  });
});

describe('in Chromium, served under /magazine/ only', () => {
  const served = servedInChromium(() => serveStatic(out, { base: BASE }));

  it('the server answers 404 outside /magazine/', async () => {
    expect((await fetch(`${served.origin}/articles/premier-episode/`)).status).toBe(404);
    expect((await fetch(`${served.origin}${BASE}articles/premier-episode/`)).status).toBe(200);
  });

  /** Opens `urlPath` with every watcher on, runs `then`, and checks that no request failed and nothing went wrong. */
  async function visit(urlPath: string, then: (page: Page) => Promise<void> = async () => {}): Promise<void> {
    const context = await served.browser.newContext({ locale: 'fr-FR', serviceWorkers: 'block' });
    try {
      const watch = await watchContext(context);
      const failed: string[] = [];
      const seen: string[] = [];
      context.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
      context.on('response', (response) => {
        seen.push(response.url());
        if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
      });
      const page = await context.newPage();
      const response = await page.goto(`${served.origin}${urlPath}`, { waitUntil: 'load' });
      expect(response?.status(), urlPath).toBe(200);
      await then(page);
      await page.waitForLoadState('networkidle');
      expect(failed, `${urlPath}: failed requests`).toEqual([]);
      expect(watch.consoleErrors, `${urlPath}: console errors`).toEqual([]);
      expect(watch.offsite.map((r) => r.url), `${urlPath}: requests that left 127.0.0.1`).toEqual([]);
      expect(await watch.cspViolations(), `${urlPath}: CSP violations`).toEqual([]);
      // Stylesheets and images did load, from under the base.
      expect(seen.some((u) => u.includes(`${BASE}_astro/`))).toBe(true);
      for (const url of seen) expect(new URL(url).pathname.startsWith(BASE), url).toBe(true);
    } finally {
      await context.close();
    }
  }

  it('loads the home page', async () => {
    await visit(BASE, async (page) => {
      expect(await page.locator('img').count()).toBeGreaterThan(0);
      for (const img of await page.locator('img').all()) {
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
      }
    });
  });

  it('loads an article, its images included', async () => {
    await visit(`${BASE}articles/premier-episode/`, async (page) => {
      for (const img of await page.locator('main img').all()) {
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
      }
    });
  });

  it('finds an article when searching « cloud », and its result link opens it', async () => {
    await visit(`${BASE}recherche/`, async (page) => {
      await page.fill('#search-input', 'cloud');
      await page.press('#search-input', 'Enter');
      const link = page.locator('[data-search-results] a').first();
      await link.waitFor({ timeout: 20_000 });
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/magazine\/articles\/[^/]+\/$/);
      await Promise.all([page.waitForURL(`**${href}`), link.click()]);
      expect(await page.locator('h1').first().textContent()).toBeTruthy();
    });
  });
});
