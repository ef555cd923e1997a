/**
 * What a person sees who opens a feed, or the « S'abonner » page, in
 * Debian's Chromium at 390 px: the built sample served on 127.0.0.1 under
 * its own `_headers`. A feed is shown with the site's CSS (no XSLT, which
 * Chromium deprecates with a warning drawn over the page): its title, what
 * a feed is, a working link to « S'abonner », its items. « S'abonner » lists
 * every feed of the site in each format, each address in a field a reader
 * selects and copies without any script, on one line.
 */
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ConsoleMessage, Page } from 'playwright-core';
import { TAG_FEED_MIN_ARTICLES } from '../../src/lib/feed.ts';
import { startWrangler } from '../helpers/wrangler.ts';
import { horizontalOverflow, openWatched, type Watch } from './browser.ts';
import { servedInChromium } from './served.ts';

const site = inject('sampleSite');
const ORIGIN = 'https://echo-numerique.example';
const WIDTH = 390;
const XHTML = 'http://www.w3.org/1999/xhtml';

// Served as a real static host serves it (its _headers, the CSP of each path included).
const served = servedInChromium(async () => {
  const wrangler = await startWrangler(site);
  return { origin: wrangler.origin, close: wrangler.stop };
});

/** Opens a path at 390 px with every watcher on, and keeps every console message (warnings too). */
async function open(urlPath: string): Promise<{ page: Page; watch: Watch; messages: string[]; close: () => Promise<void> }> {
  const { context, page, watch } = await openWatched(served.browser, WIDTH, 800);
  const messages: string[] = [];
  page.on('console', (m: ConsoleMessage) => messages.push(`${m.type()}: ${m.text()}`));
  const response = await page.goto(served.origin + urlPath, { waitUntil: 'load' });
  expect(response?.status(), urlPath).toBe(200);
  await page.waitForLoadState('networkidle');
  return { page, watch, messages, close: () => context.close() };
}

/** Whether an element takes room on the screen. */
const shown = (page: Page, selector: string) =>
  page.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => el.getBoundingClientRect()).map((r) => r.width > 0 && r.height > 0), selector);

/**
 * The feeds opened: the magazine's, and those of the first rubrique, series,
 * author and tag, in both XML formats. Every feed is written by the same code
 * (src/lib/feed.ts), and the sample has dozens of author and tag feeds.
 */
const FEEDS = (() => {
  const all = globSync('**/{rss,atom}.xml', { cwd: site }).map((f) => `/${f.split(path.sep).join('/')}`).sort();
  const kindOf = (f: string): string => (f.split('/').length > 2 ? f.split('/')[1]! : 'main');
  const firstFolder = new Map<string, string>();
  for (const f of all) if (!firstFolder.has(kindOf(f))) firstFolder.set(kindOf(f), path.posix.dirname(f));
  return all.filter((f) => firstFolder.get(kindOf(f)) === path.posix.dirname(f));
})();

describe('a feed opened in a browser', () => {
  it('the site has its feeds, and names no XSL stylesheet', () => {
    expect(FEEDS).toContain('/rss.xml');
    expect(FEEDS).toContain('/atom.xml');
    expect(globSync('**/*.xsl', { cwd: site })).toEqual([]);
  });

  it.each(FEEDS)('%s: a readable French page, with no deprecation warning, its items and a link to « S’abonner »', async (feed) => {
    const { page, watch, messages, close } = await open(feed);
    try {
      expect(messages.filter((m) => /deprecat|XSLT/i.test(m)), 'console messages about XSLT').toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      expect(await watch.cspViolations()).toEqual([]);
      expect(watch.offsite).toEqual([]);
      const isAtom = feed.endsWith('atom.xml');
      // The feed's stylesheet applies: its title is shown as a heading, the machine fields are not.
      const titleSelector = isAtom ? 'feed > title' : 'channel > title';
      expect(await page.evaluate((sel) => getComputedStyle(document.querySelector(sel)!).fontWeight, titleSelector)).toBe('700');
      const hidden = await shown(page, isAtom ? 'feed > id, feed > updated' : 'channel > link, channel > lastBuildDate');
      expect(hidden.length).toBeGreaterThan(1);
      expect(hidden.some(Boolean)).toBe(false);
      // What a feed is, in French.
      const help = await page.evaluate((ns) => (document.getElementsByTagNameNS(ns, 'div')[0] as HTMLElement | undefined)?.innerText, XHTML);
      expect(help).toContain('Ceci est un flux d’actualité');
      // A real link to « S'abonner »: an HTML anchor, on screen.
      const link = await page.evaluate((ns) => {
        const a = [...document.getElementsByTagNameNS(ns, 'a')].find((el) => el.getAttribute('href')?.endsWith('/sabonner/'));
        if (!a) return undefined;
        const r = a.getBoundingClientRect();
        return { isAnchor: a instanceof HTMLAnchorElement, href: (a as HTMLAnchorElement).href, visible: r.width > 0 && r.height > 0, text: a.textContent };
      }, XHTML);
      expect(link).toEqual({ isAnchor: true, href: `${ORIGIN}/sabonner/`, visible: true, text: expect.stringContaining('S’abonner') });
      // The items: each title and lede shown.
      const items = await shown(page, isAtom ? 'entry > title' : 'item > title');
      const ledes = await shown(page, isAtom ? 'entry > summary' : 'item > description');
      expect(items.every(Boolean) && ledes.every(Boolean)).toBe(true);
      if (feed === '/rss.xml' || feed === '/atom.xml') expect(items.length).toBeGreaterThan(5);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await close();
    }
  });
});

describe('« S’abonner »', () => {
  // A tag's feed is offered from TAG_FEED_MIN_ARTICLES published articles (its items); the others are listed.
  const rssFeeds = globSync('**/rss.xml', { cwd: site })
    .map((f) => `/${f.split(path.sep).join('/')}`)
    .filter((f) => !f.startsWith('/tags/') || (readFileSync(path.join(site, f), 'utf8').match(/<item>/g)?.length ?? 0) >= TAG_FEED_MIN_ARTICLES);

  it('lists every feed of the site in each format, each address whole and never broken inside a word at 390 px, selected by one click', async () => {
    const { page, watch, close } = await open('/sabonner/');
    try {
      const addresses = await page.evaluate(() =>
        [...document.querySelectorAll('main code.subscribe__address')].map((code) => {
          const r = code.getBoundingClientRect();
          // Each part (up to a « / ») takes one line box: a part split over two lines has two.
          const brokenParts = [...code.querySelectorAll('span')].filter((s) => s.getClientRects().length > 1).map((s) => s.textContent);
          return { text: code.textContent, left: r.left, right: r.right, brokenParts, link: code.closest('div')?.querySelector('dt a')?.getAttribute('href') };
        }),
      );
      const expected = rssFeeds.flatMap((rss) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${ORIGIN}${rss.replace(/rss\.xml$/, f)}`));
      expect(addresses.map((a) => a.text).sort()).toEqual(expected.sort());
      for (const a of addresses) {
        expect(a.brokenParts, a.text!).toEqual([]);
        expect(a.left).toBeGreaterThanOrEqual(0);
        expect(a.right).toBeLessThanOrEqual(WIDTH);
        // Its format's name links to the feed itself.
        expect(`${ORIGIN}${a.link}`).toBe(a.text);
      }
      // The longest address does wrap at 390 px, after a « / »: the check above is not idle.
      expect(await page.evaluate(() => Math.max(...[...document.querySelectorAll('main code.subscribe__address')].map((c) => c.getClientRects().length > 0 ? Math.round(c.getBoundingClientRect().height) : 0)))).toBeGreaterThan(40);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // One click selects the whole address, ready to copy: no script involved.
      const longest = page.locator('main code.subscribe__address', { hasText: '/rubriques/politique-numerique/feed.json' });
      await longest.click();
      expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(`${ORIGIN}/rubriques/politique-numerique/feed.json`);
      expect(await page.evaluate(() => [...document.scripts].filter((s) => s.type !== 'application/ld+json').length)).toBe(0);
      expect(watch.consoleErrors).toEqual([]);
      expect(await watch.cspViolations()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('is linked from the site’s footer', async () => {
    const { page, close } = await open('/');
    try {
      expect(await page.locator('footer a[href="/sabonner/"]').count()).toBe(1);
    } finally {
      await close();
    }
  });
});
