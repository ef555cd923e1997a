/**
 * One family of templates, in a real browser: every template of the built
 * sample magazine, at phone and desktop widths, has its main column under the
 * header's, nothing wider than that column, form controls in the site's style
 * and a breadcrumb whose « › » never starts a line; the phone header leaves
 * room for the content. Then the search page's results, as cards, saved as
 * screenshots for the README (replaced only when the page looks different:
 * screenshots.ts).
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../helpers/serve.ts';
import { openWatched } from './browser.ts';
import { saveScreenshot } from './screenshots.ts';
import { servedInChromium } from './served.ts';
import { headerHeight, measureColumns, separatorsAtLineStart, unstyledControls } from './layout.ts';
import { htmlFiles, TEMPLATES, urlPathOf } from './site-pages.ts';

const site = inject('sampleSite');
const files = htmlFiles(site);
const WIDTHS = [390, 1280] as const;
const HEIGHT = 800;
/** The phone header: the magazine's name, the menu button and the search field, and no more. */
const PHONE_HEADER_MAX = 120;
const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

const served = servedInChromium(() => serveStatic(site));

const open = (width: number) => openWatched(served.browser, width, HEIGHT);

describe.concurrent.each(TEMPLATES)('template « $name » laid out like the others', (template) => {
  const file = template.find(site, files);

  it.for(WIDTHS)('at %i px: column under the header’s, nothing wider, styled controls, breadcrumb separators at line ends', async (width, { expect }) => {
    expect(file, `no page of this template in the build (expected ${template.expected})`).toBeDefined();
    const urlPath = urlPathOf(file!);
    const { context, page, watch } = await open(width);
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        if (colorScheme === 'light') await page.goto(served.origin + urlPath, { waitUntil: 'load' });
        const label = `${urlPath} at ${width} px, ${colorScheme}`;
        const columns = await measureColumns(page);
        expect(Math.abs(columns.main.left - columns.header), `${label}: main column starts at ${columns.main.left} px, the header’s at ${columns.header} px`).toBeLessThanOrEqual(1);
        expect(Math.abs(columns.contentLeft - columns.main.left), `${label}: the content starts at ${columns.contentLeft} px, not at the column (${columns.main.left} px)`).toBeLessThanOrEqual(1);
        if (columns.h1Left !== undefined) {
          expect(Math.abs(columns.h1Left - columns.header), `${label}: the h1 starts at ${columns.h1Left} px, the header’s column at ${columns.header} px`).toBeLessThanOrEqual(1);
        }
        expect(columns.outside, `${label}: boxes outside the main column (${Math.round(columns.main.left)}–${Math.round(columns.main.right)} px)`).toEqual([]);
        expect(await unstyledControls(page), `${label}: form controls with the browser’s default style`).toEqual([]);
      }
      expect(await separatorsAtLineStart(page), `${urlPath} at ${width} px: breadcrumb`).toEqual([]);
      // The phone's header: at most ~120 px before the content, menu collapsed.
      if (width === WIDTHS[0]) {
        expect(await headerHeight(page), `${urlPath} at ${width} px: header height (px)`).toBeLessThanOrEqual(PHONE_HEADER_MAX);
      }
      expect(await watch.cspViolations(), `${urlPath}: CSP violations`).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('header on a phone', () => {
  it('opens the rubriques menu without JavaScript and reaches the search page from the header’s field', async () => {
    const context = await served.browser.newContext({ viewport: { width: WIDTHS[0], height: HEIGHT }, locale: 'fr-FR', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${served.origin}/`);
      const menu = page.getByRole('navigation', { name: 'Rubriques' });
      expect(await menu.isVisible(), 'the menu is collapsed at first').toBe(false);
      await page.locator('body > header summary').click();
      expect(await menu.isVisible(), 'the menu opens').toBe(true);
      expect(await menu.getByRole('link').count()).toBeGreaterThan(1);
      // The header's search field: a plain GET form, no script needed to get there.
      const field = page.locator('body > header').getByRole('searchbox');
      await field.fill('cloud');
      await field.press('Enter');
      await page.waitForURL(/\/recherche\/\?q=cloud$/);
      expect(await page.locator('h1').textContent()).toMatch(/Rechercher/);
    } finally {
      await context.close();
    }
  });
});

describe('search results', () => {
  it.for(WIDTHS)('at %i px: « cloud » from the address gives cards with image, rubrique, date and lede; screenshot saved', async (width, { expect }) => {
    const { context, page, watch } = await open(width);
    try {
      await page.goto(`${served.origin}/recherche/?q=cloud`, { waitUntil: 'load' });
      await page.locator('[data-search-status]').filter({ hasText: /trouvé/ }).waitFor({ timeout: 20_000 });
      const cards = page.locator('[data-search-results] > li');
      expect(await cards.count(), 'results for « cloud »').toBeGreaterThan(1);
      expect(await page.locator('main').getByRole('searchbox').inputValue(), 'the query is in the page’s search field').toBe('cloud');
      const first = await cards.first().evaluate((card) => ({
        image: card.querySelector('img')?.getAttribute('src') ?? '',
        alt: card.querySelector('img')?.getAttribute('alt'),
        texts: [...card.querySelectorAll('p')].map((p) => p.textContent?.trim() ?? ''),
        title: card.querySelector('h2 a')?.textContent?.trim() ?? '',
      }));
      expect(first.image, 'a cover thumbnail from this site').toMatch(/^\/.+\.(jpe?g|png)$/);
      expect(first.alt, 'the thumbnail has its alt text').toBeTruthy();
      expect(first.title).toBeTruthy();
      expect(first.texts.length, `rubrique, lede and date: ${first.texts.join(' | ')}`).toBeGreaterThanOrEqual(3);
      expect(first.texts.some((t) => /\b20\d\d\b/.test(t)), 'a date').toBe(true);
      // Every thumbnail loads (nothing broken), the lazy ones below the fold
      // too, once asked for; and the results stay in the column.
      const broken = await cards.locator('img').evaluateAll((images) =>
        Promise.all((images as HTMLImageElement[]).map(async (i) => {
          i.loading = 'eager';
          await i.decode().catch(() => undefined);
          return i.naturalWidth === 0 ? i.src : '';
        })).then((srcs) => srcs.filter(Boolean)));
      expect(broken, 'thumbnails that did not load').toEqual([]);
      const columns = await measureColumns(page);
      expect(columns.outside, 'results outside the column').toEqual([]);
      expect(await unstyledControls(page)).toEqual([]);
      await saveScreenshot(page, path.join(SCREENSHOTS, `recherche-cloud-${width}.png`), { fullPage: width === WIDTHS[0] ? false : true });
      expect(await watch.cspViolations(), 'CSP violations').toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('art direction, as a reader sees it', () => {
  it.for([true, false])('a superscript (« 1er ») does not make its line taller than the others of its paragraph (site faces loaded: %s)', async (faces, { expect }) => {
    const { context, page } = await open(WIDTHS[0]);
    try {
      // Without the site's faces, as a reader sees the page before they arrive: the fallback face's metrics differ.
      if (!faces) await context.route('**/*.woff2', (route) => route.abort());
      await page.goto(`${served.origin}/articles/un-an-apres-cloudwatt/`, { waitUntil: 'load' });
      // Every line box of the paragraph as tall as its line-height: its height is a whole number of lines.
      const { height, lineHeight } = await page.locator('.article__body p:has(sup)').first().evaluate((p) => ({
        height: p.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(p).lineHeight),
      }));
      const lines = Math.round(height / lineHeight);
      expect(lines, 'a paragraph of several lines').toBeGreaterThan(1);
      expect(Math.abs(height - lines * lineHeight), `paragraph ${height} px tall, line height ${lineHeight} px`).toBeLessThanOrEqual(0.5);
    } finally {
      await context.close();
    }
  });

  it('a wrapped figure credit starts its line at the caption’s left edge, with no leading space', async () => {
    const { context, page } = await open(WIDTHS[0]);
    try {
      await page.goto(`${served.origin}/articles/clouds-hybrides-bleu-s3ns/`, { waitUntil: 'load' });
      const figcaption = page.locator('.cover figcaption');
      const { left, creditLeft, creditTop, captionBottom } = await figcaption.evaluate((f) => ({
        left: f.getBoundingClientRect().left,
        creditLeft: f.querySelector('.credit')!.getClientRects()[0]!.left,
        creditTop: f.querySelector('.credit')!.getBoundingClientRect().top,
        captionBottom: f.querySelector('.caption')!.getBoundingClientRect().bottom,
      }));
      expect(creditTop, 'the credit is on a line of its own at 390 px').toBeGreaterThanOrEqual(captionBottom - 1);
      expect(Math.abs(creditLeft - left), `credit starts at ${creditLeft} px, the caption at ${left} px`).toBeLessThanOrEqual(0.5);
    } finally {
      await context.close();
    }
  });

  it('on the authors’ page, every name starts at the same distance from its card’s edge, portrait or not', async () => {
    const { context, page } = await open(WIDTHS[1]);
    try {
      await page.goto(`${served.origin}/auteurs/`, { waitUntil: 'load' });
      const offsets = await page.locator('.hub__item').evaluateAll((items) =>
        items.map((item) => Math.round(item.querySelector('h2')!.getBoundingClientRect().left - item.getBoundingClientRect().left)),
      );
      expect(offsets.length).toBeGreaterThan(1);
      expect(new Set(offsets).size, `name offsets: ${offsets.join(', ')} px`).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('the article page at 1280 px fills the column: the text on the left, « À lire également » in a side column beside it', async () => {
    const { context, page } = await open(WIDTHS[1]);
    try {
      await page.goto(`${served.origin}/articles/clouds-hybrides-bleu-s3ns/`, { waitUntil: 'load' });
      const { main, article, aside } = await page.evaluate(() => {
        const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        return { main: box('main'), article: box('.article-page > article'), aside: box('.article-aside') };
      });
      expect(aside.left, 'the side column is to the right of the article').toBeGreaterThan(article.right);
      expect(aside.top, 'beside it, not under it').toBeLessThan(article.top + 100);
      expect(main.right - aside.right, 'white on the right of the side column (px)').toBeLessThan(40);
    } finally {
      await context.close();
    }
  });

  it('the home page on a phone is short, and the faces are the magazine’s own, loaded from the site; screenshots saved', async () => {
    for (const width of WIDTHS) {
      const { context, page, watch } = await open(width);
      try {
        for (const [name, urlPath] of [['accueil', '/'], ['article', '/articles/un-an-apres-cloudwatt/'], ['direct', '/articles/en-direct-panne-hebergeur-nubeo/']] as const) {
          await page.goto(served.origin + urlPath, { waitUntil: 'load' });
          await page.evaluate(() => document.fonts.ready);
          const faces = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')));
          expect(faces, `${urlPath}: faces loaded`).toEqual(expect.arrayContaining(['Newsreader', 'Public Sans']));
          if (name === 'accueil' && width === WIDTHS[0]) {
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            expect(height, 'home page height on a phone (px)').toBeLessThan(7000);
          }
          // The live blog's screenshot shows its updates, from the first one shown.
          if (name === 'direct') await page.locator('section.live-update').first().evaluate((el) => window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - 16, behavior: 'instant' }));
          await saveScreenshot(page, path.join(SCREENSHOTS, `${name}-${width}.png`), { fullPage: false });
        }
        expect(watch.offsite, 'requests to other hosts').toEqual([]);
        expect(await watch.cspViolations(), 'CSP violations').toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});
