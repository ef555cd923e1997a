/**
 * The sample's gallery, wide figure and code blocks in a real browser, at
 * phone and desktop widths: a full-size view opens from a thumbnail and
 * closes with the keyboard (focus where a reader expects it), arrows move
 * between photos, nothing overflows, axe finds nothing; the copy button
 * copies and says « Copié »; no CSP violation, nothing from another host.
 */
import { describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../helpers/serve.ts';
import { axeViolations, horizontalOverflow, openWatched } from './browser.ts';
import { servedInChromium } from './served.ts';

const site = inject('sampleSite');
const GALLERY = '/articles/data-centers-ia-nucleaire/';
const CODE = '/articles/en-direct-panne-hebergeur-nubeo/';
const WIDTHS = [390, 1280] as const;
/** The machine is shared: a module script may take seconds to run. */
const POLL = { timeout: 15_000 };

const served = servedInChromium(() => serveStatic(site));

describe.concurrent.each(WIDTHS)('at %i px', (width) => {
  it('a gallery’s photo opens full size from its thumbnail, moves with the arrows and closes with Escape, focus back on the thumbnail', async ({ expect }) => {
    const { context, page, watch } = await openWatched(served.browser, width, 800);
    try {
      await page.goto(served.origin + GALLERY, { waitUntil: 'load' });
      const thumbs = page.locator('.gallery__thumb');
      expect(await thumbs.count()).toBe(5);
      expect(await page.locator('.gallery__view:visible').count()).toBe(0);
      // Thumbnails fill the grid: two a row on a phone, more on a desktop, each one as wide as its column.
      const boxes = await thumbs.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
      const perRow = boxes.filter((top) => top === boxes[0]).length;
      expect(perRow).toBe(width === 390 ? 2 : 4);

      await thumbs.nth(1).focus();
      await page.keyboard.press('Enter');
      const view = page.locator('.gallery__view:visible');
      await expect.poll(async () => view.count(), POLL).toBe(1);
      expect(await view.getAttribute('aria-label')).toBe('Photo 2 sur 5');
      await expect.poll(async () => page.evaluate(() => document.activeElement?.className), POLL).toBe('gallery__close');
      // The photo is shown whole, with its caption and credit, within the window.
      const photo = (await view.locator('img').boundingBox())!;
      const thumb = (await thumbs.nth(1).boundingBox())!;
      expect(photo.width).toBeGreaterThan(thumb.width * 1.8);
      expect(photo.y).toBeGreaterThanOrEqual(0);
      expect(photo.y + photo.height).toBeLessThanOrEqual(800);
      expect(photo.x + photo.width).toBeLessThanOrEqual(width);
      expect(await view.locator('.caption').textContent()).toContain('aérorefroidisseurs');
      expect(await view.locator('.credit').textContent()).toContain('L’Écho du Numérique');
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      await page.keyboard.press('ArrowRight');
      await expect.poll(async () => page.locator('.gallery__view:visible').getAttribute('aria-label'), POLL).toBe('Photo 3 sur 5');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(async () => page.locator('.gallery__view:visible').getAttribute('aria-label'), POLL).toBe('Photo 1 sur 5');
      // Tab stays within the open view.
      for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('.gallery__view'))).toBe(true);

      await page.keyboard.press('Escape');
      await expect.poll(async () => page.locator('.gallery__view:visible').count(), POLL).toBe(0);
      await expect.poll(async () => page.evaluate(() => document.activeElement?.id), POLL).toMatch(/^galerie-[0-9a-f]{8}-1-vignette$/);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await watch.cspViolations()).toEqual([]);
      expect(watch.offsite).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the wide figure spans the window on a desktop and the column on a phone; the page fits the window and passes axe', async ({ expect }) => {
    const { context, page } = await openWatched(served.browser, width, 800);
    try {
      await page.goto(served.origin + GALLERY, { waitUntil: 'load' });
      const wide = await page.locator('.figure--pleine img').boundingBox();
      const column = await page.locator('.article__body > p').first().boundingBox();
      if (width === 1280) {
        expect(wide!.x).toBe(0);
        expect(wide!.width).toBeGreaterThanOrEqual(1265);
      } else {
        expect(Math.round(wide!.x)).toBe(Math.round(column!.x));
        expect(Math.round(wide!.width)).toBe(Math.round(column!.width));
      }
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a code block’s button « Copier le code » copies the code and says « Copié » to screen readers; axe passes, light and dark', async ({ expect }) => {
    const { context, page, watch } = await openWatched(served.browser, width, 800);
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
      await page.goto(served.origin + CODE, { waitUntil: 'load' });
      const block = page.locator('.code-block', { has: page.locator('.code-block__title', { hasText: 'wp-config.php' }) });
      const button = block.getByRole('button', { name: 'Copier le code' });
      await expect.poll(async () => button.count(), POLL).toBe(1);
      expect(await block.locator('.code-line--added').textContent()).toContain("+define('DB_PASSWORD'");
      expect(await block.locator('.code-line--removed').textContent()).toContain("-define('DB_PASSWORD', 'soleil2019');");
      // The clipboard takes a write from the page in front only: the test
      // lanes share one Chromium, and a click while another page has the
      // focus copies nothing (the button then says nothing, as it should).
      await page.bringToFront();
      await button.click();
      // The status and the button say it together, for two seconds: read in
      // one go, or a slow machine sees the button back to « Copier » between
      // two reads. Clicked again when nothing was said, the focus lost.
      const said = async () => {
        const now = await block.evaluate((b) => [b.querySelector('[role="status"]')?.textContent, b.querySelector('.code-block__copy')?.textContent]);
        if (now[0] === '') await page.bringToFront().then(() => button.click());
        return now;
      };
      await expect.poll(said, POLL).toEqual(['Copié', 'Copié']);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await block.locator('pre code').textContent());
      expect(copied.split('\n')).toHaveLength(4);
      expect(await horizontalOverflow(page)).toBe(0);
      // Highlighted, added and removed lines keep their contrast, light and dark.
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await axeViolations(page)).toEqual([]);
      expect(await watch.cspViolations()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('without JavaScript', () => {
  it('a thumbnail still opens its photo (CSS :target) and « Fermer » closes it; code blocks have no button', async () => {
    const context = await served.browser.newContext({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(served.origin + GALLERY, { waitUntil: 'load' });
      await page.locator('.gallery__thumb').first().click();
      await expect.poll(async () => page.locator('.gallery__view:visible').count(), POLL).toBe(1);
      await page.locator('.gallery__view:visible .gallery__close').click();
      await expect.poll(async () => page.locator('.gallery__view:visible').count(), POLL).toBe(0);
      await page.goto(served.origin + CODE, { waitUntil: 'load' });
      expect(await page.locator('.code-block').count()).toBe(2);
      expect(await page.locator('.code-block__copy').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
