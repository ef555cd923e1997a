import { describe, it, expect } from 'vitest';
import {
  absoluteUrl,
  archivePath,
  articlesIndexPath,
  authorsIndexPath,
  categoriesIndexPath,
  legalPath,
  pagePath,
  tagsIndexPath,
  articlePath,
  authorPath,
  categoryFeedPath,
  categoryFeedPaths,
  categoryPath,
  homePath,
  imagePath,
  mainFeedPath,
  mainFeedPaths,
  mediaPath,
  newsSitemapPath,
  notFoundPath,
  searchBundlePath,
  searchIndexPath,
  searchPath,
  seriesFeedPath,
  seriesFeedPaths,
  seriesIndexPath,
  seriesPath,
  sitemapIndexPath,
  sitePath,
  tagPath,
  basePathOf,
  normalizeBase,
  urlsFor,
} from '../../src/lib/urls.ts';

describe('page paths', () => {
  it('home', () => {
    expect(homePath()).toBe('/');
    expect(homePath(1)).toBe('/');
    expect(homePath(2)).toBe('/page/2/');
  });

  it('articles, series, search', () => {
    expect(articlePath('un-an-apres')).toBe('/articles/un-an-apres/');
    expect(seriesIndexPath()).toBe('/series/');
    expect(seriesPath('un-an-apres')).toBe('/series/un-an-apres/');
    expect(searchPath()).toBe('/recherche/');
  });

  it('categories, with pages', () => {
    expect(categoryPath('cloud')).toBe('/rubriques/cloud/');
    expect(categoryPath('cloud', 1)).toBe('/rubriques/cloud/');
    expect(categoryPath('cloud', 3)).toBe('/rubriques/cloud/page/3/');
  });

  it('tags, slugified from their label, with pages', () => {
    expect(tagPath('cloud souverain')).toBe('/tags/cloud-souverain/');
    expect(tagPath('Cybersécurité', 2)).toBe('/tags/cybersecurite/page/2/');
    expect(tagPath('OpenStack')).toBe(tagPath('openstack'));
  });

  it('rejects a tag with no letter or digit', () => {
    expect(() => tagPath('!!!')).toThrow(RangeError);
  });

  it('authors, with pages', () => {
    expect(authorPath('claire-martin')).toBe('/auteurs/claire-martin/');
    expect(authorPath('claire-martin', 2)).toBe('/auteurs/claire-martin/page/2/');
  });

  it('hubs, the newest articles and the legal page', () => {
    expect(categoriesIndexPath()).toBe('/rubriques/');
    expect(tagsIndexPath()).toBe('/tags/');
    expect(authorsIndexPath()).toBe('/auteurs/');
    expect(articlesIndexPath()).toBe('/articles/');
    expect(legalPath()).toBe('/mentions-legales/');
    expect(pagePath('a-propos')).toBe('/a-propos/');
    expect(() => pagePath('')).toThrow(RangeError);
  });

  it('the archive: years and months (two digits), with pages', () => {
    expect(archivePath()).toBe('/archives/');
    expect(archivePath(2016)).toBe('/archives/2016/');
    expect(archivePath(2016, undefined, 1)).toBe('/archives/2016/');
    expect(archivePath(2016, undefined, 2)).toBe('/archives/2016/page/2/');
    expect(archivePath(2016, 5)).toBe('/archives/2016/05/');
    expect(archivePath(2016, 12, 3)).toBe('/archives/2016/12/page/3/');
  });

  it('the archive rejects a month without a year, an impossible month or year, a bad page', () => {
    expect(() => archivePath(undefined, 5)).toThrow(RangeError);
    expect(() => archivePath(undefined, undefined, 2)).toThrow(RangeError);
    for (const month of [0, 13, 1.5]) expect(() => archivePath(2016, month)).toThrow(RangeError);
    for (const year of [16, 20160, 2016.5]) expect(() => archivePath(year)).toThrow(RangeError);
    expect(() => archivePath(2016, 5, 0)).toThrow(RangeError);
  });

  it('end with a slash', () => {
    for (const p of [homePath(), homePath(4), articlePath('a'), seriesPath('s'), categoryPath('c', 2), tagPath('t'), authorPath('x'), searchPath()]) {
      expect(p.endsWith('/')).toBe(true);
      expect(p.startsWith('/')).toBe(true);
      expect(p).not.toContain('//');
    }
  });

  it('reject bad page numbers', () => {
    for (const page of [0, -1, 1.5, Number.NaN]) {
      expect(() => homePath(page)).toThrow(RangeError);
      expect(() => categoryPath('cloud', page)).toThrow(RangeError);
    }
  });

  it('encode an id that is not URL-safe instead of breaking the URL', () => {
    expect(articlePath('a b/c')).toBe('/articles/a%20b%2Fc/');
    expect(() => articlePath('')).toThrow(RangeError);
  });
});

describe('file paths', () => {
  it('feeds', () => {
    expect(mainFeedPath()).toBe('/rss.xml');
    expect(seriesFeedPath('un-an-apres')).toBe('/series/un-an-apres/rss.xml');
    expect(categoryFeedPath('cloud')).toBe('/rubriques/cloud/rss.xml');
  });

  it('feeds in every format, side by side', () => {
    expect(mainFeedPaths()).toEqual({ rss: '/rss.xml', atom: '/atom.xml', json: '/feed.json' });
    expect(seriesFeedPaths('un-an-apres')).toEqual({
      rss: '/series/un-an-apres/rss.xml',
      atom: '/series/un-an-apres/atom.xml',
      json: '/series/un-an-apres/feed.json',
    });
    expect(categoryFeedPaths('cloud').atom).toBe('/rubriques/cloud/atom.xml');
    expect(categoryFeedPath('cloud', 'json')).toBe('/rubriques/cloud/feed.json');
  });

  it('images and media', () => {
    expect(imagePath('cloud-abc123-800.avif')).toBe('/_images/cloud-abc123-800.avif');
    expect(imagePath('/x.jpg')).toBe('/_images/x.jpg');
    expect(mediaPath('clip-abc.mp4')).toBe('/_media/clip-abc.mp4');
  });

  it('search bundle, 404 page, sitemaps', () => {
    expect(searchBundlePath('2016')).toBe('/pagefind/2016/pagefind.js');
    expect(searchIndexPath('2016')).toBe('/pagefind/2016/');
    expect(notFoundPath()).toBe('/404.html');
    expect(sitemapIndexPath()).toBe('/sitemap-index.xml');
    expect(newsSitemapPath()).toBe('/news-sitemap.xml');
  });
});

describe('sitePath, at the root', () => {
  it('keeps root paths as they are', () => {
    expect(sitePath('/articles/x/')).toBe('/articles/x/');
    expect(sitePath('/')).toBe('/');
  });

  it('keeps relative and external URLs', () => {
    for (const href of ['#note', 'photo.jpg', '../x/', 'https://other.example/a', 'mailto:a@b.example', '//cdn.example/x.js', '']) {
      expect(sitePath(href)).toBe(href);
    }
  });
});

describe('the base path', () => {
  it('is the root in a unit test, where no Astro config sets one', () => {
    expect(homePath()).toBe('/');
  });

  it('comes from the path of the site URL, with or without a trailing slash', () => {
    expect(basePathOf('https://example.org/magazine/')).toBe('/magazine/');
    expect(basePathOf('https://example.org/magazine')).toBe('/magazine/');
    expect(basePathOf('https://example.org/a/b')).toBe('/a/b/');
    expect(basePathOf('https://example.org')).toBe('/');
    expect(basePathOf('https://example.org/')).toBe('/');
    expect(basePathOf('http://127.0.0.1:4321')).toBe('/');
    expect(basePathOf(undefined)).toBe('/');
  });

  it('is normalized to one leading and one trailing slash', () => {
    for (const base of ['magazine', '/magazine', '/magazine/', 'magazine/', '//magazine//']) expect(normalizeBase(base)).toBe('/magazine/');
    for (const base of ['', '/', '//']) expect(normalizeBase(base)).toBe('/');
  });
});

describe('helpers for a site at the root', () => {
  it('are the exported helpers', () => {
    const root = urlsFor('/');
    expect(root.base).toBe('/');
    expect(root.articlePath('a')).toBe(articlePath('a'));
    expect(root.categoryPath('cloud', 2)).toBe(categoryPath('cloud', 2));
    expect(root.imagePath('x.avif')).toBe(imagePath('x.avif'));
    expect(root.absoluteUrl('rss.xml', 'https://magazine.example')).toBe(absoluteUrl('rss.xml', 'https://magazine.example'));
  });
});

describe('helpers for a site hosted under /magazine/', () => {
  const urls = urlsFor('/magazine');

  it('put every page path under the base', () => {
    expect(urls.base).toBe('/magazine/');
    expect(urls.homePath()).toBe('/magazine/');
    expect(urls.homePath(2)).toBe('/magazine/page/2/');
    expect(urls.articlePath('un-an-apres')).toBe('/magazine/articles/un-an-apres/');
    expect(urls.articlePath('a b/c')).toBe('/magazine/articles/a%20b%2Fc/');
    expect(urls.seriesIndexPath()).toBe('/magazine/series/');
    expect(urls.seriesPath('un-an-apres')).toBe('/magazine/series/un-an-apres/');
    expect(urls.categoryPath('cloud')).toBe('/magazine/rubriques/cloud/');
    expect(urls.categoryPath('cloud', 3)).toBe('/magazine/rubriques/cloud/page/3/');
    expect(urls.tagPath('Cybersécurité', 2)).toBe('/magazine/tags/cybersecurite/page/2/');
    expect(urls.authorPath('claire-martin')).toBe('/magazine/auteurs/claire-martin/');
    expect(urls.authorPath('claire-martin', 2)).toBe('/magazine/auteurs/claire-martin/page/2/');
    expect(urls.searchPath()).toBe('/magazine/recherche/');
    expect(urls.categoriesIndexPath()).toBe('/magazine/rubriques/');
    expect(urls.tagsIndexPath()).toBe('/magazine/tags/');
    expect(urls.authorsIndexPath()).toBe('/magazine/auteurs/');
    expect(urls.articlesIndexPath()).toBe('/magazine/articles/');
    expect(urls.archivePath()).toBe('/magazine/archives/');
    expect(urls.archivePath(2016, 5, 2)).toBe('/magazine/archives/2016/05/page/2/');
    expect(urls.legalPath()).toBe('/magazine/mentions-legales/');
    expect(urls.pagePath('a-propos')).toBe('/magazine/a-propos/');
  });

  it('put every file path under the base', () => {
    expect(urls.mainFeedPath()).toBe('/magazine/rss.xml');
    expect(urls.seriesFeedPath('un-an-apres')).toBe('/magazine/series/un-an-apres/rss.xml');
    expect(urls.categoryFeedPath('cloud')).toBe('/magazine/rubriques/cloud/rss.xml');
    expect(urls.imagePath('/x.jpg')).toBe('/magazine/_images/x.jpg');
    expect(urls.mediaPath('clip-abc.mp4')).toBe('/magazine/_media/clip-abc.mp4');
    expect(urls.searchBundlePath('2016')).toBe('/magazine/pagefind/2016/pagefind.js');
    expect(urls.notFoundPath()).toBe('/magazine/404.html');
    expect(urls.sitemapIndexPath()).toBe('/magazine/sitemap-index.xml');
    expect(urls.newsSitemapPath()).toBe('/magazine/news-sitemap.xml');
  });

  it('still reject what they rejected at the root', () => {
    expect(() => urls.tagPath('!!!')).toThrow(RangeError);
    expect(() => urls.homePath(0)).toThrow(RangeError);
    expect(() => urls.articlePath('')).toThrow(RangeError);
  });

  it('give paths with no double slash', () => {
    const paths = [urls.homePath(), urls.homePath(3), urls.articlePath('a'), urls.tagPath('t'), urls.imagePath('x.jpg'), urls.mainFeedPath()];
    for (const p of paths) {
      expect(p.startsWith('/magazine/')).toBe(true);
      expect(p).not.toContain('//');
    }
  });

  it('sitePath puts a typed root path under the base, once', () => {
    expect(urls.sitePath('/articles/x/')).toBe('/magazine/articles/x/');
    expect(urls.sitePath('/articles/x/#suite')).toBe('/magazine/articles/x/#suite');
    expect(urls.sitePath('/')).toBe('/magazine/');
    expect(urls.sitePath('/magazine-papier/')).toBe('/magazine/magazine-papier/');
    expect(urls.sitePath(urls.articlePath('x'))).toBe('/magazine/articles/x/');
    expect(urls.sitePath('/magazine')).toBe('/magazine');
    for (const href of ['#note', 'photo.jpg', '../x/', 'https://other.example/a', 'mailto:a@b.example', '//cdn.example/x.js']) {
      expect(urls.sitePath(href)).toBe(href);
    }
  });

  it('absoluteUrl keeps the base given by a path and resolves relative paths against the base', () => {
    const site = 'https://example.org/magazine';
    expect(urls.absoluteUrl(urls.articlePath('a'), site)).toBe('https://example.org/magazine/articles/a/');
    expect(urls.absoluteUrl(urls.articlePath('a'), `${site}/`)).toBe('https://example.org/magazine/articles/a/');
    expect(urls.absoluteUrl(urls.homePath(), site)).toBe('https://example.org/magazine/');
    expect(urls.absoluteUrl('rss.xml', site)).toBe('https://example.org/magazine/rss.xml');
    expect(urls.absoluteUrl('https://other.example/x', site)).toBe('https://other.example/x');
    expect(() => urls.absoluteUrl('/x/', 'example.org/magazine')).toThrow(/not an absolute URL/);
  });
});

describe('absoluteUrl', () => {
  it('joins origins with or without a trailing slash', () => {
    expect(absoluteUrl('/articles/a/', 'https://magazine.example')).toBe('https://magazine.example/articles/a/');
    expect(absoluteUrl('/articles/a/', 'https://magazine.example/')).toBe('https://magazine.example/articles/a/');
    expect(absoluteUrl('/', 'https://magazine.example')).toBe('https://magazine.example/');
  });

  it('accepts paths without a leading slash', () => {
    expect(absoluteUrl('rss.xml', 'https://magazine.example')).toBe('https://magazine.example/rss.xml');
  });

  it('keeps ports', () => {
    expect(absoluteUrl('/rss.xml', 'http://127.0.0.1:4321')).toBe('http://127.0.0.1:4321/rss.xml');
  });

  it('keeps absolute URLs unchanged', () => {
    expect(absoluteUrl('https://other.example/x?y=1', 'https://magazine.example')).toBe('https://other.example/x?y=1');
    expect(absoluteUrl('mailto:redaction@magazine.example', 'https://magazine.example')).toBe('mailto:redaction@magazine.example');
  });

  it('gives protocol-relative URLs the site scheme', () => {
    expect(absoluteUrl('//cdn.example/x.jpg', 'https://magazine.example')).toBe('https://cdn.example/x.jpg');
  });

  it('rejects an origin that is not a URL', () => {
    expect(() => absoluteUrl('/x/', 'magazine.example')).toThrow(/not an absolute URL/);
    expect(() => absoluteUrl('/x/', 'localhost:4321')).toThrow(/not an absolute URL/);
  });
});
