import { describe, it, expect } from 'vitest';
import {
  absoluteUrl,
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
  searchPath,
  seriesFeedPath,
  seriesFeedPaths,
  seriesIndexPath,
  seriesPath,
  tagPath,
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
