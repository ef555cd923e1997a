/**
 * The reader promises (README, « Reader promises and audit »), in a real browser: the built sample magazine served on
 * 127.0.0.1 under its own `_headers`, opened by Debian's Chromium at phone
 * and desktop widths, in light and dark.
 */
import { describe, expect, inject, it, type ExpectStatic } from 'vitest';
import { serveStatic } from '../helpers/serve.ts';
import { axeViolations, horizontalOverflow, openWatched, type Watch } from './browser.ts';
import { servedInChromium } from './served.ts';
import { htmlFiles, TEMPLATES, urlPathOf } from './site-pages.ts';

const site = inject('sampleSite');
const files = htmlFiles(site);
/** The narrowest width of the promise is 320 px; the tests open pages at 360 and 1280, and check 320 for overflow. */
const WIDTHS = [360, 1280] as const;
const HEIGHT = 800;

const served = servedInChromium(() => serveStatic(site));

const open = (width: number) => openWatched(served.browser, width, HEIGHT);

/**
 * What every page must hold after everything it did: nothing offsite, no CSP
 * violation, no console error. `check` is the test's own `expect` in
 * concurrent tests.
 */
async function expectCleanRun(watch: Watch, label: string, check: ExpectStatic = expect): Promise<void> {
  check(watch.offsite.map((r) => r.url), `${label}: requests that left 127.0.0.1`).toEqual([]);
  check(await watch.cspViolations(), `${label}: Content-Security-Policy violations`).toEqual([]);
  check(watch.consoleErrors, `${label}: console errors`).toEqual([]);
}

// Templates run concurrently (each in its own browser context): the browser
// renders one page while axe-core inspects another, which halves the time.
describe.concurrent.each(TEMPLATES)('template « $name »', (template) => {
  const file = template.find(site, files);
  const urlPath = file ? urlPathOf(file) : undefined;

  it.for(WIDTHS)(`at %i px: 200, no overflow, nothing offsite, CSP respected, no axe violation in light and dark`, async (width, { expect }) => {
    expect(file, `no page of this template in the build (expected ${template.expected})`).toBeDefined();
    const { context, page, watch } = await open(width);
    try {
      const label = `${urlPath} at ${width} px`;
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme, reducedMotion: 'no-preference' });
        if (colorScheme === 'light') {
          const response = await page.goto(served.origin + urlPath, { waitUntil: 'load' });
          expect(response?.status(), label).toBe(200);
          expect(response?.headers()['content-security-policy'], `${label}: the _headers CSP is served`).toContain("default-src 'self'");
          await page.waitForLoadState('networkidle');
        }
        expect(await horizontalOverflow(page), `${label}, ${colorScheme}: horizontal overflow (px)`).toBeLessThanOrEqual(0);
        expect(await axeViolations(page), `${label}, ${colorScheme}: axe-core violations`).toEqual([]);
      }
      if (width === WIDTHS[0]) {
        await page.setViewportSize({ width: 320, height: HEIGHT });
        expect(await horizontalOverflow(page), `${urlPath} at 320 px: horizontal overflow (px)`).toBeLessThanOrEqual(0);
      }
      // Pagefind is the search page's, and only its.
      const pagefind = watch.requests.filter((r) => new URL(r.url).pathname.startsWith('/pagefind/'));
      if (template.name !== 'recherche') expect(pagefind.map((r) => r.url), `${label}: Pagefind requests`).toEqual([]);
      await expectCleanRun(watch, label, expect);
    } finally {
      await context.close();
    }
  });
});

describe('keyboard', () => {
  it('the first Tab stop is a visible skip link that moves focus to the main content', async () => {
    const { context, page, watch } = await open(WIDTHS[0]);
    try {
      await page.goto(`${served.origin}/`);
      await page.keyboard.press('Tab');
      const link = page.locator(':focus');
      expect(await link.getAttribute('href')).toBe('#contenu');
      expect(await link.isVisible()).toBe(true);
      const box = await link.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= HEIGHT, 'the focused skip link is inside the viewport').toBe(true);
      // A visible focus indicator: an outline, whatever the theme.
      expect(await link.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
      await expectCleanRun(watch, 'skip link');
    } finally {
      await context.close();
    }
  });
});

describe('video facade', () => {
  const file = TEMPLATES.find((t) => t.name === 'article avec vidéo')!.find(site, files);

  it('asks nothing of YouTube before the click, then loads the youtube-nocookie player', async () => {
    expect(file, 'no article with a YouTube video in the build').toBeDefined();
    const { context, page, watch } = await open(WIDTHS[1]);
    try {
      await page.goto(served.origin + urlPathOf(file!), { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      const facade = page.locator('[data-video-embed] a').first();
      // One accessible name, said once: the title between « », and where the video plays.
      await expect.poll(() => page.getByRole('link', { name: /^Lire la vidéo «\s.+\s» sur YouTube$/ }).count()).toBe(1);
      await facade.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300); // lazy images near the facade load now: still nothing from YouTube
      expect(await page.locator('iframe').count(), 'iframes before the click').toBe(0);
      expect(watch.offsite.map((r) => r.url), 'requests that left 127.0.0.1 before the click').toEqual([]);

      const clickedAt = Date.now();
      const playerRequest = page.waitForRequest((r) => new URL(r.url()).hostname === 'www.youtube-nocookie.com');
      await facade.click();
      const iframe = page.locator('iframe');
      await expect.poll(() => iframe.count()).toBe(1);
      expect(await iframe.getAttribute('src')).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]+/);
      expect(await iframe.getAttribute('title'), 'the player has an accessible name').toBeTruthy();
      await playerRequest;
      // The only request that left (and was stopped at the door): the player, after the click.
      expect(watch.offsite.length).toBeGreaterThan(0);
      for (const r of watch.offsite) {
        expect(new URL(r.url).hostname, r.url).toBe('www.youtube-nocookie.com');
        expect(r.at, `${r.url} requested before the click`).toBeGreaterThanOrEqual(clickedAt);
      }
      expect(await watch.cspViolations(), 'the player is allowed by frame-src').toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('search', () => {
  it('finds the Cloudwatt retrospective when the reader types « Cloudwatt »', async () => {
    expect(files, 'no /recherche/ page in the build').toContain('recherche/index.html');
    const { context, page, watch } = await open(WIDTHS[0]);
    try {
      await page.goto(`${served.origin}/recherche/`, { waitUntil: 'load' });
      // The page's own field (the header holds the site-wide one too).
      const field = page.locator('main').getByRole('searchbox');
      await field.fill('Cloudwatt');
      await field.press('Enter');
      const hit = page.locator('[data-search-results] a[href*="/articles/un-an-apres-cloudwatt/"]');
      await hit.first().waitFor({ timeout: 20_000 });
      expect((await hit.first().textContent())?.trim(), 'the result is titled').toBeTruthy();
      expect(watch.requests.some((r) => new URL(r.url).pathname.startsWith('/pagefind/')), 'Pagefind was loaded').toBe(true);
      // The results, as the reader sees them, are accessible too.
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await axeViolations(page), `search results, ${colorScheme}: axe-core violations`).toEqual([]);
      }
      expect(await horizontalOverflow(page), 'search results: horizontal overflow (px)').toBeLessThanOrEqual(0);
      await expectCleanRun(watch, 'search');
    } finally {
      await context.close();
    }
  });
  it('finds it from « souverain » too, and lists no unpublished article', async () => {
    const { context, page } = await open(WIDTHS[1]);
    try {
      for (const [query, unpublished] of [
        ['souverain', 'un-an-apres-portefeuille-identite'],
        ['identité', 'un-an-apres-portefeuille-identite'],
        ['clés', 'cles-d-acces-mode-d-emploi'],
      ] as const) {
        await page.goto(`${served.origin}/recherche/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
        await page.locator('[data-search-status]').filter({ hasText: /trouvé|Aucun/ }).waitFor({ timeout: 20_000 });
        const hrefs = await page.locator('[data-search-results] a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        if (query === 'souverain') expect(hrefs.some((h) => h.includes('/articles/un-an-apres-cloudwatt/')), `« ${query} »: ${hrefs}`).toBe(true);
        expect(hrefs.some((h) => h.includes(unpublished)), `« ${query} » lists ${unpublished}`).toBe(false);
      }
    } finally {
      await context.close();
    }
  });
  it('finds nothing in the thumbnails’ addresses: « jpg » and « _images » are in no article’s text, and match none', async () => {
    const { context, page } = await open(WIDTHS[1]);
    try {
      for (const query of ['jpg', '_images']) {
        await page.goto(`${served.origin}/recherche/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
        await page.locator('[data-search-status]').filter({ hasText: /trouvé|Aucun/ }).waitFor({ timeout: 20_000 });
        expect(await page.locator('[data-search-status]').textContent(), `« ${query} »`).toMatch(/^Aucun article/);
      }
      // The thumbnails still show: « cloud » gives cards whose cover loads from this site.
      await page.goto(`${served.origin}/recherche/?q=cloud`, { waitUntil: 'load' });
      await page.locator('[data-search-status]').filter({ hasText: /trouvé/ }).waitFor({ timeout: 20_000 });
      expect(await page.locator('[data-search-results] img[src*="/_images/"]').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});

describe('print', () => {
  it('prints an article without the site’s navigation', async () => {
    const file = TEMPLATES.find((t) => t.name === 'article avec vidéo')!.find(site, files);
    expect(file, 'no article in the build').toBeDefined();
    const { context, page } = await open(WIDTHS[1]);
    try {
      await page.goto(served.origin + urlPathOf(file!));
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['body > header', 'nav', 'body > footer', '.skip-link']) {
        for (const el of await page.locator(selector).all()) expect(await el.isVisible(), `${selector} is printed`).toBe(false);
      }
      expect(await page.locator('h1').isVisible(), 'the title is printed').toBe(true);
      expect(await page.locator('main article p').first().isVisible(), 'the text is printed').toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('not found', () => {
  it('an unknown address answers 404 with the site’s own page', async () => {
    const { context, page, watch } = await open(WIDTHS[0]);
    try {
      const response = await page.goto(`${served.origin}/articles/cette-page-n-existe-pas/`);
      expect(response?.status()).toBe(404);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('a[href="/"]').count(), 'a way back home').toBeGreaterThan(0);
      // Chromium reports the 404 status of the page itself as a console error.
      watch.consoleErrors.splice(0, watch.consoleErrors.length, ...watch.consoleErrors.filter((e) => !/status of 404/.test(e)));
      await expectCleanRun(watch, '404');
    } finally {
      await context.close();
    }
  });
});
