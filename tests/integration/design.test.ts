/**
 * What a reader sees of the magazine's art direction in the built sample
 * (content/): its own typefaces served from the site and preloaded, the
 * masthead's logo, the home page in blocks, and the finishing details of the
 * article, rubrique, series, search, author and 404 pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPage } from '../helpers/build.ts';

let site: string;
beforeAll(() => {
  site = inject('sampleSite');
});
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('typefaces', () => {
  it('every page declares its two faces in its stylesheet and preloads their upright files, all from the site itself', () => {
    for (const page of ['/', '/articles/clouds-hybrides-bleu-s3ns/', '/recherche/', '/404.html']) {
      const doc = readPage(site, page);
      const preloads = [...doc.querySelectorAll('link[rel="preload"][as="font"]')].map((l) => l.getAttribute('href')!);
      expect(preloads, page).toHaveLength(2);
      for (const href of preloads) {
        expect(href, page).toMatch(/^\/_astro\/.+\.woff2$/);
        expect(existsSync(path.join(site, href)), `${href} is published`).toBe(true);
      }
      const css = [...doc.querySelectorAll('link[rel="stylesheet"]')].map((l) => readFileSync(path.join(site, l.getAttribute('href')!), 'utf8')).join('\n');
      const faces = [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map((m) => m[0]);
      expect(faces.filter((f) => /Newsreader/.test(f)), `${page}: Newsreader, upright and italic`).toHaveLength(2);
      expect(faces.filter((f) => /Public Sans/.test(f)), `${page}: Public Sans`).toHaveLength(1);
      for (const face of faces) {
        expect(face).toMatch(/url\(["']?\/_astro\/[^)]+\.woff2/);
        expect(face).toMatch(/unicode-range/);
      }
      for (const href of preloads) expect(css, `${href} is one of the declared files`).toContain(href);
      expect(doc.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content'), page).toContain("font-src 'self'");
    }
  });

  it('publishes only the Latin files (French letters, « », €), not the other scripts', () => {
    const fonts = readdirSync(path.join(site, '_astro')).filter((f) => f.endsWith('.woff2'));
    expect(fonts.map((f) => f.replace(/\.[^.]+\.woff2$/, '')).sort()).toEqual(['newsreader-latin-wght-italic', 'newsreader-latin-wght-normal', 'public-sans-latin-wght-normal']);
  });
});

describe('masthead', () => {
  it('shows the logo of site.yaml beside the name, and a search button named for screen readers, not « OK »', () => {
    const doc = readPage(site, '/');
    const home = doc.querySelector('body > header a[rel="home"]')!;
    expect(home.querySelector('img')?.getAttribute('alt')).toBe('');
    expect(text(home)).toBe('L’Écho du Numérique');
    const button = doc.querySelector('body > header form button')!;
    expect(text(button)).toBe('Lancer la recherche');
    expect(button.querySelector('.visually-hidden')).not.toBeNull();
    expect(button.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('the search page has one search field, its own', () => {
    const doc = readPage(site, '/recherche/');
    expect(doc.querySelectorAll('input[type="search"]')).toHaveLength(1);
    expect(doc.querySelector('body > header form')).toBeNull();
  });
});

describe('home page', () => {
  it('leads with the lead story, then briefs, the latest stories with a cover, the live blogs and one block per rubrique, each article once', () => {
    const doc = readPage(site, '/');
    const main = doc.querySelector('main')!;
    const links = [...main.querySelectorAll('.lead h2 a, .brief__title a, .card__title a')].map((a) => a.getAttribute('href'));
    expect(new Set(links).size, 'no article twice').toBe(links.length);
    // Every published article of the sample, as the build summary counts them (« articles : 18 publiés »).
    const published = Number(/articles : (\d+) publiés/.exec(inject('sampleBuildOutput'))?.[1]);
    expect(links.length).toBe(published);
    const latest = main.querySelector('section[aria-labelledby="latest-title"]')!;
    expect(latest.querySelectorAll('.card').length).toBe(4);
    expect(latest.querySelectorAll('.card picture').length, 'the latest stories have a cover').toBe(4);
    for (const brief of main.querySelectorAll('.brief')) expect(brief.querySelector('picture')).toBeNull();
    const sections = [...main.querySelectorAll('.front__section h2')].map(text);
    expect(sections.length).toBeGreaterThan(1);
    expect(text(main.querySelector('#live-title'))).toBe('Les directs');
  });
});

describe('article page', () => {
  const doc = () => readPage(site, '/articles/clouds-hybrides-bleu-s3ns/');

  it('« Suivez-nous » gives each feed one line, its name then RSS · Atom · JSON Feed as plain links, no parentheses', () => {
    const feeds = [...doc().querySelectorAll('.follow-us__feed')];
    expect(feeds.length).toBeGreaterThanOrEqual(2);
    for (const feed of feeds) {
      const formats = [...feed.querySelectorAll('a')].map((a) => text(a.firstChild as Element));
      expect(formats).toEqual(['RSS', 'Atom', 'JSON Feed']);
      expect(text(feed)).not.toMatch(/[()]/);
    }
    expect(text(feeds[0]!.querySelector('.follow-us__feed-name'))).toBe('Tous les articles');
  });

  it('« À lire également » does not offer again the article the text recommends with <ReadAlso>', () => {
    const page = doc();
    const inline = page.querySelector('.article__body .read-also a')?.getAttribute('href');
    expect(inline).toBe('/articles/secnumcloud-label-de-confiance/');
    const related = [...page.querySelectorAll('.related .card__title a')].map((a) => a.getAttribute('href'));
    expect(related.length).toBeGreaterThanOrEqual(3);
    expect(related).not.toContain(inline);
  });

  it('puts « À lire également » and « Suivez-nous » in a side column after the article', () => {
    const aside = doc().querySelector('.article-page > .article-aside')!;
    expect(aside.querySelector('#related-title')).not.toBeNull();
    expect(aside.querySelector('#follow-us-title')).not.toBeNull();
    expect(aside.previousElementSibling?.tagName).toBe('ARTICLE');
  });

  it('a cover credit is its own flex item: no space text between caption and credit to start a wrapped line', () => {
    const figcaption = doc().querySelector('.cover figcaption')!;
    const credit = figcaption.querySelector('.credit')!;
    expect(credit).not.toBeNull();
    const css = readFileSync(path.join(site, readPage(site, '/').querySelector('link[rel="stylesheet"]')!.getAttribute('href')!), 'utf8');
    expect(css).toMatch(/figcaption:has\(>\s*\.credit\)\s*\{[^}]*display:\s*flex/);
    expect(css).not.toMatch(/figcaption \.credit\s*\{[^}]*margin-left/);
  });

  it('« Cet article fait suite à » lists each article as a headline with its date', () => {
    const page = readPage(site, '/articles/un-an-apres-cloudwatt/');
    const block = page.querySelector('.follow-up:not(.follow-up--next)')!;
    expect(text(block.querySelector('.follow-up__label'))).toBe('Cet article fait suite à');
    const item = block.querySelector('li')!;
    expect(item.querySelector('a.follow-up__title')).not.toBeNull();
    expect(item.querySelector('time.follow-up__date')?.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\d/);
    expect(text(item)).not.toMatch(/[()]/);
  });
});

describe('index pages', () => {
  it('a rubrique page does not repeat the rubrique as every card’s kicker', () => {
    const doc = readPage(site, '/rubriques/cloud/');
    const kickers = [...doc.querySelectorAll('.card__kicker')].map(text);
    expect(kickers.every((k) => !/^Cloud\b/.test(k)), kickers.join(' | ')).toBe(true);
    // Elsewhere the rubrique is still named.
    expect([...readPage(site, '/tags/cloud-souverain/').querySelectorAll('.card__kicker')].some((k) => text(k).startsWith('Cloud'))).toBe(true);
  });

  it('a series page with a scheduled episode gives its date and not the blurb’s « la semaine prochaine »', () => {
    const doc = readPage(site, '/series/un-an-apres/');
    expect(text(doc.querySelector('.series-next'))).toMatch(/^Prochain épisode le 4\smars\s2027$/);
    expect(doc.querySelector('.series-blurb')).toBeNull();
  });

  it('on the authors’ page, an author without a portrait gets an empty disc in its place, so the names line up', () => {
    const doc = readPage(site, '/auteurs/');
    const items = [...doc.querySelectorAll('.hub__item')];
    expect(items.some((i) => i.querySelector('img'))).toBe(true);
    for (const item of items) expect(item.firstElementChild?.classList.contains('hub__avatar') || item.firstElementChild?.tagName === 'PICTURE', text(item)).toBe(true);
  });

  it('the 404 page sets its lede in the text face, like every other lede', () => {
    const css = readFileSync(path.join(site, readPage(site, '/404.html').querySelector('link[rel="stylesheet"]')!.getAttribute('href')!), 'utf8');
    expect(css).toMatch(/\.index-header__description[^{]*\{[^}]*font-family:\s*var\(--serif\)/);
    expect(css).not.toMatch(/\.not-found(\[[^\]]+\])?\s*\{\s*font-family/);
  });
});
