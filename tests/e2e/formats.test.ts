/**
 * The sample product test (content/articles/2026/test-kerlo-2-smartphone-reparable/index.mdx)
 * as a reader sees it in Chromium: « Points forts » beside « Points faibles »
 * on a desktop, one above the other on a phone; in print, the verdict, the
 * quoted post and the encadrés framed and never split across two pages, the
 * post's address written out. Layout, overflow and axe at 390/360 and 1280 px
 * are checked with every template (site-pages.ts « test de produit »).
 */
import { describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../helpers/serve.ts';
import { servedInChromium } from './served.ts';

const URL_PATH = '/articles/test-kerlo-2-smartphone-reparable/';
const served = servedInChromium(() => serveStatic(inject('sampleSite')));

async function openAt(width: number, media: 'screen' | 'print' = 'screen') {
  const page = await served.browser.newPage({ viewport: { width, height: 900 } });
  await page.emulateMedia({ media });
  await page.goto(served.origin + URL_PATH, { waitUntil: 'load' });
  return page;
}

describe('the product test in a browser', () => {
  it.for([
    [1280, 'side by side'],
    [390, 'stacked'],
  ] as const)('at %i px, « Points forts » and « Points faibles » are %s', async ([width, layout]) => {
    const page = await openAt(width);
    try {
      const pros = (await page.locator('.verdict__pros').boundingBox())!;
      const cons = (await page.locator('.verdict__cons').boundingBox())!;
      if (layout === 'side by side') {
        expect(Math.abs(pros.y - cons.y)).toBeLessThanOrEqual(1);
        expect(cons.x).toBeGreaterThanOrEqual(pros.x + pros.width);
      } else {
        expect(cons.y).toBeGreaterThanOrEqual(pros.y + pros.height);
        expect(Math.abs(pros.x - cons.x)).toBeLessThanOrEqual(1);
      }
    } finally {
      await page.close();
    }
  });

  it('in print, frames the verdict, the post and the encadrés, keeps each on one page, and writes out the post’s address', async () => {
    const page = await openAt(1280, 'print');
    try {
      const boxes = await page.$$eval('section.verdict, figure.social-post, aside.encadre', (els) =>
        els.map((el) => {
          const s = getComputedStyle(el);
          const framed = [s.borderTopStyle, s.borderLeftStyle].some((b) => b !== 'none');
          return { tag: el.tagName, breakInside: s.breakInside, framed, visible: s.display !== 'none' && (el as HTMLElement).offsetHeight > 0 };
        }),
      );
      expect(boxes.map((b) => b.tag)).toEqual(['ASIDE', 'FIGURE', 'SECTION', 'ASIDE']);
      for (const box of boxes) expect(box).toMatchObject({ breakInside: 'avoid', framed: true, visible: true });
      const after = await page.$eval('figure.social-post figcaption a', (a) => getComputedStyle(a, '::after').content);
      expect(after).toContain('https://mastodon.example/@atelier/113498765432101234');
    } finally {
      await page.close();
    }
  });
});
