/**
 * Share images on the built sample: every article page, with a cover or
 * without, announces a published 1200×630 JPEG as og:image and twitter:image,
 * and JSON-LD images (1:1, 4:3, 16:9) that are published files and never the
 * site's logo.
 */
import { existsSync, globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const ORIGIN = 'https://echo-numerique.example';
/** Published articles of the sample without a cover. */
const COVERLESS = ['rancongiciels-hopitaux-cible', 'en-direct-panne-hebergeur-nubeo', 'test-batterie-externe-ampere-20'];
let site: string;

beforeAll(() => {
  site = inject('sampleSite');
});

function page(slug: string) {
  const { document } = parseHTML(readFileSync(path.join(site, 'articles', slug, 'index.html'), 'utf8'));
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute('content') ?? undefined;
  const article = [...document.querySelectorAll('script[type="application/ld+json"]')]
    .map((s) => JSON.parse(s.textContent ?? '') as Record<string, any>)
    .find((ld) => /NewsArticle$|^LiveBlogPosting$/.test(ld['@type']))!; // any genre's type (src/lib/labels.ts)
  return { document, meta, article };
}

/** The published file an absolute URL of the site points at. */
function publishedFile(url: string): string {
  expect(url.startsWith(`${ORIGIN}/_images/`)).toBe(true);
  const file = path.join(site, new URL(url).pathname);
  expect(existsSync(file)).toBe(true);
  return file;
}

describe('share images of the sample', () => {
  it('give the articles without a cover an og:image, a twitter:image and JSON-LD images of their own', async () => {
    for (const slug of COVERLESS) {
      const { meta, article } = page(slug);
      expect(readFileSync(path.join(site, 'articles', slug, 'index.html'), 'utf8')).not.toContain('class="cover');
      const og = meta('meta[property="og:image"]')!;
      expect(og).toMatch(new RegExp(`/_images/partage-${slug}-[A-Za-z0-9]{10}-og\\.jpg$`));
      expect(meta('meta[name="twitter:image"]')).toBe(og);
      expect([meta('meta[property="og:image:width"]'), meta('meta[property="og:image:height"]')]).toEqual(['1200', '630']);
      expect(meta('meta[property="og:image:alt"]')).toBe(article.headline);
      const ogMeta = await sharp(publishedFile(og)).metadata();
      expect([ogMeta.format, ogMeta.width, ogMeta.height]).toEqual(['jpeg', 1200, 630]);

      expect(article.image).toHaveLength(3);
      const sizes = await Promise.all((article.image as string[]).map(async (url) => {
        const m = await sharp(publishedFile(url)).metadata();
        return [m.format, m.width, m.height];
      }));
      expect(sizes).toEqual([['jpeg', 1200, 1200], ['jpeg', 1200, 900], ['jpeg', 1200, 675]]);
    }
  });

  it('never give the logo as an article image, on any article page', () => {
    const slugs = globSync('articles/*/index.html', { cwd: site }).map((f) => path.basename(path.dirname(f)));
    expect(slugs.length).toBeGreaterThan(10);
    let checked = 0;
    for (const slug of slugs) {
      const { meta, article, document } = page(slug);
      if (!article) continue; // a renamed article's former address: a redirect page
      checked++;
      const logo = article.publisher?.logo?.url as string;
      expect(logo).toMatch(/^https:\/\//);
      expect(article.image, slug).toHaveLength(3);
      expect(article.image).not.toContain(logo);
      expect(meta('meta[property="og:image"]'), slug).toMatch(/-og\.jpg$/);
      expect(meta('meta[property="og:image"]')).not.toBe(logo);
      expect(document.querySelectorAll('meta[property="og:image"]')).toHaveLength(1);
    }
    expect(checked).toBeGreaterThanOrEqual(17);
  });

  it('publish the cards under _images, four per article without a cover', () => {
    const cards = globSync('_images/partage-*.jpg', { cwd: site });
    expect(cards).toHaveLength(COVERLESS.length * 4);
  });
});
