/**
 * « Sommaire » as a reader sees it in Chromium: beside the text at 1280 px,
 * between the side column and the text, and still in view once the reader
 * has scrolled into the article; before the text on a phone. No JavaScript.
 */
import { describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../helpers/serve.ts';
import { openWatched } from './browser.ts';
import { servedInChromium } from './served.ts';

const site = inject('sampleSite');
const PAGE = '/articles/clouds-hybrides-bleu-s3ns/';
const served = servedInChromium(() => serveStatic(site));

const boxes = () => {
  const box = (s: string) => document.querySelector(s)!.getBoundingClientRect().toJSON() as DOMRect;
  return { toc: box('nav.toc'), body: box('.article__body'), aside: box('.article-aside'), viewport: window.innerHeight };
};

describe('« Sommaire »', () => {
  it('at 1280 px, sits in a column beside the text, left of « À lire également », and stays in view while the text scrolls', async () => {
    const { context, page } = await openWatched(served.browser, 1280, 800);
    try {
      await page.goto(served.origin + PAGE, { waitUntil: 'load' });
      const before = await page.evaluate(boxes);
      expect(before.toc.left, 'right of the text').toBeGreaterThanOrEqual(before.body.right);
      expect(before.toc.right, 'left of the side column').toBeLessThan(before.aside.left);
      expect(Math.abs(before.toc.top - before.body.top), 'level with the text').toBeLessThan(40);
      await page.evaluate(() => window.scrollTo(0, document.querySelector('.article__body h2:last-of-type')!.getBoundingClientRect().top + window.scrollY - 100));
      const after = await page.evaluate(boxes);
      expect(after.toc.top, 'still in view').toBeGreaterThanOrEqual(0);
      expect(after.toc.bottom, 'still in view').toBeLessThanOrEqual(after.viewport);
    } finally {
      await context.close();
    }
  });

  it('on a phone, comes before the text, full width, and its links reach the sections', async () => {
    const { context, page } = await openWatched(served.browser, 390, 800);
    try {
      // The site scrolls smoothly unless the reader asked for less motion: ask, to read where the link lands.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(served.origin + PAGE, { waitUntil: 'load' });
      const { toc, body } = await page.evaluate(boxes);
      expect(toc.bottom).toBeLessThanOrEqual(body.top);
      await page.click('nav.toc li:nth-child(3) a');
      const top = await page.evaluate(() => document.querySelectorAll('.article__body h2')[2]!.getBoundingClientRect().top);
      expect(Math.abs(top)).toBeLessThan(40);
    } finally {
      await context.close();
    }
  });
});
