/**
 * The Cloudwatt retrospective, as a reader and a search engine get it:
 * every part of DESIGN §4, images of §5, metadata of §7, on the sample build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPage } from '../helpers/build.ts';

const NNBSP = '\u202F';
const NBSP = '\u00A0';
let site: string;
let doc: Document;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
// Like text, but keeps no-break spaces (`\s` would match them).
const prose = (el: Element | null | undefined) => el?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim() ?? '';

beforeAll(() => {
  site = inject('sampleSite');
  doc = readPage(site, '/articles/un-an-apres-cloudwatt/');
});

describe('the Cloudwatt retrospective page', () => {
  it('has the skip link, the header with every rubrique and the breadcrumb', () => {
    const skip = doc.querySelector('a.skip-link');
    expect(skip?.getAttribute('href')).toBe('#contenu');
    expect(doc.getElementById('contenu')?.tagName).toBe('MAIN');
    const nav = [...doc.querySelectorAll('header nav a')].map((a) => a.getAttribute('href'));
    for (const id of ['cloud', 'mobile', 'cybersecurite', 'politique-numerique']) expect(nav).toContain(`/rubriques/${id}/`);
    const crumbs = [...doc.querySelectorAll('nav.breadcrumb li')].map(text);
    expect(crumbs[0]).toBe('Accueil');
    expect(crumbs[1]).toBe('Cloud');
    expect(crumbs).toHaveLength(3);
  });

  it('has the site name and tagline of site.yaml with typographic apostrophes', () => {
    expect(prose(doc.querySelector('.site-header__name'))).toBe('L’Écho du Numérique');
    expect(prose(doc.querySelector('.site-header__tagline'))).toBe('L’actualité du numérique, de la salle serveur jusqu’à l’Assemblée');
  });

  it('has the kicker with rubrique, series and episode number, one h1 and the lede', () => {
    const kicker = doc.querySelector('.kicker');
    expect(kicker?.querySelector('a[href="/rubriques/cloud/"]')).not.toBeNull();
    expect(kicker?.querySelector('a[href="/series/un-an-apres/"]')).not.toBeNull();
    expect(text(kicker)).toContain('épisode 1');
    const h1s = doc.querySelectorAll('h1');
    expect(h1s).toHaveLength(1);
    expect(text(h1s[0])).toContain('Un an après');
    expect(h1s[0]!.textContent).toContain(`«${NBSP}cloud à la française${NBSP}»`);
    expect(text(doc.querySelector('p.lede')).length).toBeGreaterThan(40);
  });

  it('has the byline: linked author, publication and update in French, reading time', () => {
    const byline = doc.querySelector('.byline')!;
    const author = byline.querySelector('a[rel="author"]');
    expect(author?.getAttribute('href')).toMatch(/^\/auteurs\/[a-z-]+\/$/);
    // No-break spaces: the date and the time never split across lines.
    expect(prose(byline)).toContain(`Publié le 12${NBSP}mai${NBSP}2016 à${NBSP}8${NBSP}h${NBSP}00`);
    expect(prose(byline)).toContain(`Mis à jour le 13${NBSP}mai${NBSP}2016 à${NBSP}10${NBSP}h${NBSP}30`);
    expect(byline.querySelector('time')?.getAttribute('datetime')).toBe('2016-05-12T08:00:00+02:00');
    expect(text(byline)).toMatch(/Lecture : [2-9] min/);
  });

  it('has the cover figure with credit, loaded first, in AVIF with a JPEG fallback', () => {
    const cover = doc.querySelector('figure.cover')!;
    const img = cover.querySelector('img')!;
    expect(img.getAttribute('alt')?.length).toBeGreaterThan(10);
    expect(img.getAttribute('fetchpriority')).toBe('high');
    expect(img.getAttribute('loading')).not.toBe('lazy');
    // The box of the largest AVIF variant (1,200 px: see src/lib/images.ts), the fallback at 400 and 800 px.
    expect(img.getAttribute('width')).toBe('1200');
    expect(img.getAttribute('height')).toBe('675');
    expect(img.getAttribute('srcset')).toMatch(/-400\.jpg 400w, .*-800\.jpg 800w$/);
    const sources = [...cover.querySelectorAll('source')];
    expect(sources.map((s) => s.getAttribute('type'))).toEqual(['image/avif']);
    expect(sources[0]!.getAttribute('srcset')).toMatch(/-400\.avif 400w, .*-800\.avif 800w, .*-1200\.avif 1200w$/);
    expect(text(cover.querySelector('figcaption .credit'))).toContain('©');
  });

  it('renders every MDX component in the body', () => {
    const body = doc.querySelector('.article__body')!;
    expect(body.querySelectorAll('h2').length).toBeGreaterThanOrEqual(2);
    const quotes = body.querySelectorAll('figure.quote');
    expect(quotes.length).toBe(2);
    expect(text(quotes[0]!.querySelector('figcaption'))).toContain('Philippe Laplane');
    expect(quotes[0]!.querySelector('blockquote')).not.toBeNull();
    const figure = body.querySelector('figure.figure')!;
    expect(figure.querySelector('picture source[type="image/avif"]')).not.toBeNull();
    expect(text(figure.querySelector('figcaption')).length).toBeGreaterThan(10);
    // The Markdown image went through the same pipeline.
    const inline = body.querySelector('picture.inline-image img')!;
    expect(inline.getAttribute('src')).toMatch(/^\/_images\/carte-cloud-[\w]+-800\.jpg$/);
    expect(inline.getAttribute('loading')).toBe('lazy');
    // The video is a facade: a link to YouTube, no iframe before a click.
    const video = body.querySelector('[data-video-embed]')!;
    expect(video.getAttribute('data-video-embed')).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\/aqz-KE-bpKQ/);
    expect(body.querySelector('iframe')).toBeNull();
    expect(body.querySelector('aside.read-also a')?.getAttribute('href')).toBe('/articles/lancement-cloudwatt-numergy/');
  });

  it('applies French typography to the body but never inside code or attributes', () => {
    const body = doc.querySelector('.article__body')!.textContent!;
    expect(body).toMatch(new RegExp(`\\S${NNBSP}\\?`));
    expect(body).toMatch(new RegExp(`\\S${NBSP}:`));
    expect(body).not.toMatch(/ [?!;:]/);
    expect(body).not.toMatch(/« | »/);
    // Numbers keep their unit and dates their parts on one line.
    expect(body).toContain(`33${NNBSP}%`);
    expect(body).toContain(`75${NBSP}millions d’euros`);
    expect(body).toContain(`1er${NBSP}janvier${NBSP}2016`);
    for (const a of doc.querySelectorAll('a[href]')) expect(a.getAttribute('href')).not.toMatch(/[\u00A0\u202F]/);
  });

  it('has the series block with blurb, next episode and the series link', () => {
    const block = doc.querySelector('.series-block')!;
    expect(text(block)).toContain('la semaine prochaine');
    expect(block.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/articles/un-an-apres-smartphones/');
    expect(block.querySelector('a[rel="prev"]')).toBeNull();
    expect(block.querySelector('a[href="/series/un-an-apres/"]')).not.toBeNull();
  });

  it('has the follow-up links both ways', () => {
    expect(text(doc.querySelector('.follow-up'))).toContain('Cet article fait suite à');
    expect(doc.querySelector('.follow-up a')?.getAttribute('href')).toBe('/articles/lancement-cloudwatt-numergy/');
    const older = readPage(site, '/articles/lancement-cloudwatt-numergy/');
    const next = older.querySelector('.follow-up--next')!;
    expect(text(next)).toContain('Un an après : lire la suite');
    expect(next.querySelector('a')?.getAttribute('href')).toBe('/articles/un-an-apres-cloudwatt/');
  });

  it('has « À lire également » with 3 to 4 published articles, never itself', () => {
    const links = [...doc.querySelectorAll('.related .card__title a')].map((a) => a.getAttribute('href'));
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect(links.length).toBeLessThanOrEqual(4);
    expect(links).not.toContain('/articles/un-an-apres-cloudwatt/');
    // Same series first, newest first; the scheduled 4th episode never.
    expect(links.slice(0, 2)).toEqual(['/articles/un-an-apres-perches-a-selfie/', '/articles/un-an-apres-smartphones/']);
    expect(links).not.toContain('/articles/un-an-apres-portefeuille-identite/');
    for (const href of links) expect(existsSync(path.join(site, href!, 'index.html'))).toBe(true);
  });

  it('has « Suivez-nous » with the links of site.yaml and the feeds, « Haut de page » and the footer', () => {
    const follow = doc.querySelector('.follow-us')!;
    expect(text(follow.querySelector('h2'))).toBe('Suivez-nous');
    const hrefs = [...follow.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs.some((h) => h?.startsWith('https://news.google.com/'))).toBe(true);
    expect(hrefs).toContain('/rss.xml');
    expect(hrefs).toContain('/series/un-an-apres/rss.xml');
    const top = [...doc.querySelectorAll('a')].find((a) => text(a) === 'Haut de page');
    expect(top?.getAttribute('href')).toBe('#top');
    expect(doc.getElementById('top')).not.toBeNull();
    expect(doc.querySelector('footer')).not.toBeNull();
  });

  it('links its feeds and carries Open Graph, Twitter and JSON-LD metadata', () => {
    const alternates = [...doc.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) => l.getAttribute('href'));
    expect(alternates).toContain('https://echo-numerique.example/rss.xml');
    expect(alternates).toContain('https://echo-numerique.example/series/un-an-apres/rss.xml');
    const meta = (p: string) => doc.querySelector(`meta[property="${p}"], meta[name="${p}"]`)?.getAttribute('content');
    expect(meta('og:type')).toBe('article');
    expect(meta('og:image:width')).toBe('1200');
    expect(meta('og:image:height')).toBe('630');
    expect(meta('article:published_time')).toBe('2016-05-12T08:00:00+02:00');
    expect(meta('article:modified_time')).toBe('2016-05-13T10:30:00+02:00');
    expect(meta('twitter:card')).toBe('summary_large_image');
    expect(meta('robots')).toContain('max-image-preview:large');
    const ld = [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!));
    const article = ld.find((x) => x['@type'] === 'NewsArticle');
    expect(article.image).toHaveLength(3);
    expect(article.author[0].url).toMatch(/^https:\/\/echo-numerique\.example\/auteurs\//);
    expect(article.publisher.logo.url).toMatch(/^https:\/\//);
    expect(article.isPartOf.name).toBe('Un an après');
    expect(ld.some((x) => x['@type'] === 'BreadcrumbList')).toBe(true);
  });
});

describe('published images', () => {
  const published = () => readdirImages(site);

  it('are stripped of EXIF and GPS metadata (the cover source has both)', async () => {
    const cover = published().filter((f) => f.startsWith('cloud-france-'));
    // AVIF at 3 widths, the JPEG fallback at 2, four social crops (src/lib/images.ts).
    expect(cover.length).toBe(9);
    const source = await sharp(path.resolve('content/articles/2016/un-an-apres-cloudwatt/cloud-france.jpg')).metadata();
    expect(source.exif).toBeDefined();
    for (const file of cover) {
      const meta = await sharp(path.join(site, '_images', file)).metadata();
      expect(meta.exif, file).toBeUndefined();
      expect(meta.xmp, file).toBeUndefined();
    }
  });

  it('are never upscaled and include the social crops at their exact sizes', async () => {
    for (const file of published()) {
      const meta = await sharp(path.join(site, '_images', file)).metadata();
      const m = /-(\d+)\.(avif|jpg|png)$/.exec(file);
      if (m) expect(meta.width, file).toBe(Number(m[1]));
      expect(meta.width, file).toBeLessThanOrEqual(1200);
    }
    // The cover is 2400×1350: every crop fits (the rule for smaller sources: tests/unit/image-set.test.ts).
    const sizes: Record<string, [number, number]> = { og: [1200, 630], '1x1': [1200, 1200], '4x3': [1200, 900], '16x9': [1200, 675] };
    for (const [crop, [w, h]] of Object.entries(sizes)) {
      const file = published().find((f) => f.startsWith('cloud-france-') && f.endsWith(`-${crop}.jpg`))!;
      const meta = await sharp(path.join(site, '_images', file)).metadata();
      expect([meta.width, meta.height]).toEqual([w, h]);
    }
  });

  it('publish nothing of the draft or the scheduled episode', () => {
    const html = readFileSync(path.join(site, 'sitemap-0.xml'), 'utf8');
    for (const slug of ['cles-d-acces-mode-d-emploi', 'un-an-apres-portefeuille-identite']) {
      expect(existsSync(path.join(site, 'articles', slug))).toBe(false);
      expect(html).not.toContain(slug);
    }
  });
});

function readdirImages(site: string): string[] {
  return readdirSync(path.join(site, '_images'));
}
