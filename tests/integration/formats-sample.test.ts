/**
 * The sample magazine's product test (content/articles/2026/test-kerlo-2-smartphone-reparable/index.mdx)
 * as a search engine and a feed reader get it from the build: the Review of
 * the product beside the NewsArticle, and the verdict, the quoted post and
 * the encadrés in the feed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPage } from '../helpers/build.ts';

const URL_PATH = '/articles/test-kerlo-2-smartphone-reparable/';
let site: string;

beforeAll(() => {
  site = inject('sampleSite');
});

describe('the sample product test', () => {
  it('publishes a Review of the product with its rating, pros and cons, beside its NewsArticle', () => {
    const doc = readPage(site, URL_PATH);
    const ld = [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!));
    const article = ld.find((x) => x['@type'] === 'ReviewNewsArticle');
    const review = ld.find((x) => x['@type'] === 'Review');
    expect(review).toMatchObject({
      name: article.headline,
      url: article.url,
      author: article.author,
      itemReviewed: { '@type': 'Product', name: 'Kerlo 2' },
      reviewRating: { ratingValue: 8, bestRating: 10 },
    });
    expect(review.positiveNotes.itemListElement).toHaveLength(3);
    expect(review.negativeNotes.itemListElement.map((i: { position: number }) => i.position)).toEqual([1, 2]);
    // Other articles have no verdict, hence no Review.
    const other = readPage(site, '/articles/un-an-apres-cloudwatt/');
    expect([...other.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!)['@type'])).not.toContain('Review');
  });

  it('gives feed readers the verdict, the quoted post and the encadrés, without the page’s classes', () => {
    const rss = readFileSync(path.join(site, 'rss.xml'), 'utf8');
    const item = rss.split('<item>').find((i) => i.includes(`<link>https://echo-numerique.example${URL_PATH}</link>`));
    expect(item, 'the product test in the main RSS feed').toBeDefined();
    // content:encoded holds the body as escaped HTML: read it as text, then parse that.
    const escaped = /<content:encoded>([\s\S]*?)<\/content:encoded>/.exec(item!)?.[1] ?? '';
    const encoded = parseHTML(`<!doctype html><html><body><div>${escaped}</div></body></html>`).document.querySelector('div')!.textContent!;
    const body = parseHTML(`<!doctype html><html><body>${encoded}</body></html>`).document;
    expect(body.querySelector('[class]')).toBeNull();
    const strongs = [...body.querySelectorAll('strong')].map((s) => s.textContent);
    expect(strongs).toEqual(expect.arrayContaining(['Notre verdict\u00A0: Kerlo 2 — 8/10', 'Points forts', 'Points faibles', 'À retenir']));
    expect(strongs.some((s) => s?.startsWith('Comment nous avons testé —'))).toBe(true);
    expect(body.querySelector('figure blockquote[cite^="https://mastodon.example/@atelier/"]')).not.toBeNull();
  });
});
