/**
 * The e-mail of a weekly edition as a mail client's web view shows it: the
 * built sample's `/edition/2026-S48/email.html`, served by wrangler under
 * the site's own `_headers` (its Content-Security-Policy included), in
 * Debian's Chromium at a phone's 360 px and the e-mail's 600 px. Its images
 * are absolute URLs of the public site, answered here from the built site.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startWrangler, type WranglerServer } from '../helpers/wrangler.ts';
import { horizontalOverflow, launchChromium, openWatched } from './browser.ts';

const site = inject('sampleSite');
const ORIGIN = 'https://echo-numerique.example';
const EMAIL = '/edition/2026-S48/email.html';

let server: WranglerServer;
let browser: Browser;
beforeAll(async () => {
  server = await startWrangler(site);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the e-mail of an edition', () => {
  it.each([360, 600])('at %i px: fits the width, loads its images from the site, no stylesheet link, no script, its styles allowed', async (width) => {
    const { context, page, watch } = await openWatched(browser, width, 900);
    try {
      // The public site's URLs, answered by the built site (registered last: tried first).
      const fromSite: string[] = [];
      await context.route(`${ORIGIN}/**`, async (route) => {
        const url = new URL(route.request().url());
        fromSite.push(url.pathname);
        await route.fulfill({ response: await route.fetch({ url: server.origin + url.pathname }) });
      });
      const response = await page.goto(server.origin + EMAIL, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');

      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('link[rel~="stylesheet"]').count()).toBe(0);
      expect(await page.locator('link').count()).toBe(0);
      expect(await horizontalOverflow(page), 'horizontal overflow in px').toBe(0);

      const images = await page.locator('img').evaluateAll((imgs) => imgs.map((img) => ({ src: (img as HTMLImageElement).src, loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, width: img.getBoundingClientRect().width })));
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        expect(image.src, image.src).toMatch(new RegExp(`^${ORIGIN}/_images/.+\\.(jpg|png)$`));
        expect(image.loaded, image.src).toBe(true);
        expect(image.width, image.src).toBeLessThanOrEqual(width);
      }
      expect(fromSite.length).toBeGreaterThanOrEqual(images.length);
      expect(watch.offsite.map((r) => r.url)).toEqual([]);
      // Its inline styles apply under its own policy: the message is 600 px at most, centred.
      expect(await watch.cspViolations()).toEqual([]);
      const box = await page.locator('div[style*="max-width:600px"]').first().boundingBox();
      expect(box!.width).toBeLessThanOrEqual(600);
      expect(box!.width).toBe(Math.min(width, 600));

      await expect.poll(() => page.locator(`a[href="${ORIGIN}/edition/2026-S48/"]`).count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator('h1').innerText()).toBe('Une semaine sous tension');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr-FR');
    } finally {
      await context.close();
    }
  });
});

describe('the page of an edition', () => {
  it('at 390 px: the editors’ word, the rubriques, « En cours » for the current week, a link to its e-mail, no overflow', async () => {
    const { context, page, watch } = await openWatched(browser, 390, 900);
    try {
      const response = await page.goto(`${server.origin}/edition/2026-S48/`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toBe('Une semaine sous tension');
      expect(await page.locator('.edition-word').innerText()).toContain('Nubéo');
      expect(await page.locator('h2.edition-rubrique').allInnerTexts()).toEqual(['Cybersécurité', 'Mobile']);
      expect(await page.locator('.edition-current').innerText()).toBe('En cours');
      expect(await page.locator('a[href="/edition/2026-S48/email.html"]').count()).toBe(1);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await watch.cspViolations()).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
