import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  FEED_NAMESPACES,
  MAIN_FEED_LIMIT,
  escapeHtml,
  escapeXml,
  feedCategories,
  feedImage,
  feedLogoUrl,
  lastChangeOf,
  resolveFeedUrl,
  toFeedItems,
  toFeedOptions,
  type FeedArticle,
  type FeedEntry,
} from '../../src/lib/feed.ts';
import type { PictureData } from '../../src/lib/images.ts';

const ORIGIN = 'https://gazette.example';

function article(overrides: Partial<FeedArticle> = {}): FeedArticle {
  return {
    slug: 'premier-episode',
    url: '/articles/premier-episode/',
    title: 'Un an après\u00A0: le premier épisode',
    description: 'Le premier épisode\u202F; une question\u202F?',
    publishedAt: new Date('2016-05-12T08:00:00+02:00'),
    updatedAt: new Date('2016-05-13T10:30:00+02:00'),
    authors: [{ name: 'Alice Martin' }, { name: 'Bruno Petit' }],
    category: { title: 'Cloud' },
    tags: [{ label: 'cloud souverain' }, { label: 'OpenStack' }],
    ...overrides,
  };
}

const entry = (a: FeedArticle, extra: Partial<FeedEntry> = {}): FeedEntry => ({ article: a, content: `<p>Corps de ${a.slug}</p>`, ...extra });

const newest = article();
const older = article({
  slug: 'lancement',
  url: '/articles/lancement/',
  title: 'Le lancement',
  description: 'Un article plus ancien.',
  publishedAt: new Date('2012-09-06T09:00:00+02:00'),
  updatedAt: undefined,
  authors: [{ name: 'Alice Martin' }],
  tags: [{ label: 'cloud souverain' }],
});

const channel = {
  title: 'La Gazette de Test',
  description: 'Un petit magazine pour les tests',
  pagePath: '/',
  feedPath: '/rss.xml',
  language: 'fr-FR',
  imageUrl: `${ORIGIN}/_images/logo-abc-256.png`,
};

/** Parses a feed string the way a client would, keeping attributes and every repeated element as an array. */
function parseFeed(xml: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => ['item', 'dc:creator', 'category'].includes(name),
  });
  return parser.parse(xml).rss;
}

describe('toFeedItems', () => {
  const [first, second] = toFeedItems([entry(newest, { enclosure: { url: `${ORIGIN}/_images/couverture-og.jpg`, length: 7968 } }), entry(older)], ORIGIN);

  it('keeps the order given (newest first from the data layer)', () => {
    expect([first?.title, second?.title]).toEqual([newest.title, older.title]);
  });

  it('gives absolute links, the publication date (not the update) and the typeset lede', () => {
    expect(first).toMatchObject({
      title: 'Un an après\u00A0: le premier épisode',
      link: 'https://gazette.example/articles/premier-episode/',
      pubDate: newest.publishedAt,
      description: 'Le premier épisode\u202F; une question\u202F?',
      content: '<p>Corps de premier-episode</p>',
    });
  });

  it('has one dc:creator per author, escaped for XML', () => {
    expect(first?.customData).toBe('<dc:creator>Alice Martin</dc:creator><dc:creator>Bruno Petit</dc:creator>');
    const [item] = toFeedItems([entry(article({ authors: [{ name: 'Dupont & <Fils>' }] }))], ORIGIN);
    expect(item?.customData).toBe('<dc:creator>Dupont &amp; &lt;Fils&gt;</dc:creator>');
  });

  it('lists the rubrique then the tags as categories, each once', () => {
    expect(first?.categories).toEqual(['Cloud', 'cloud souverain', 'OpenStack']);
    expect(feedCategories({ category: { title: 'Mobile' }, tags: [{ label: 'Mobile' }, { label: '5G' }] })).toEqual(['Mobile', '5G']);
  });

  it('adds the cover enclosure as a JPEG of exact length, and none without a cover', () => {
    expect(first?.enclosure).toEqual({ url: 'https://gazette.example/_images/couverture-og.jpg', length: 7968, type: 'image/jpeg' });
    expect(second).not.toHaveProperty('enclosure');
  });

  it('escapes a plain-text lede for readers that parse <description> as HTML', () => {
    const [item] = toFeedItems([entry(article({ description: 'La balise <video> & la R&D' }))], ORIGIN);
    expect(item?.description).toBe('La balise &lt;video&gt; &amp; la R&amp;D');
  });
});

describe('lastChangeOf', () => {
  it('is the latest update or publication among the articles', () => {
    expect(lastChangeOf([newest, older])).toEqual(new Date('2016-05-13T10:30:00+02:00'));
    expect(lastChangeOf([older])).toEqual(older.publishedAt);
  });

  it('counts an update to an older article, since it changes that item', () => {
    const updatedOld = { ...older, updatedAt: new Date('2020-01-01T00:00:00Z') };
    expect(lastChangeOf([newest, updatedOld])).toEqual(new Date('2020-01-01T00:00:00Z'));
  });

  it('ignores an updatedAt before publishedAt, and is undefined for no article (never the clock)', () => {
    expect(lastChangeOf([{ publishedAt: new Date('2016-01-02T00:00:00Z'), updatedAt: new Date('2016-01-01T00:00:00Z') }])).toEqual(
      new Date('2016-01-02T00:00:00Z'),
    );
    expect(lastChangeOf([])).toBeUndefined();
  });
});

describe('resolveFeedUrl', () => {
  const base = 'https://gazette.example/articles/premier-episode/';
  it.each([
    ['/articles/lancement/', 'https://gazette.example/articles/lancement/'],
    ['#note', 'https://gazette.example/articles/premier-episode/#note'],
    ['../lancement/', 'https://gazette.example/articles/lancement/'],
    ['//cdn.example/x.png', 'https://cdn.example/x.png'],
    ['https://example.org/a?b=1&c=2', 'https://example.org/a?b=1&c=2'],
    ['mailto:redaction@gazette.example', 'mailto:redaction@gazette.example'],
  ])('%s → %s', (href, expected) => {
    expect(resolveFeedUrl(href, base)).toBe(expected);
  });
});

describe('images', () => {
  const picture: PictureData = {
    sources: [],
    src: '/_images/photo-h-800.jpg',
    srcset: '/_images/photo-h-400.jpg 400w, /_images/photo-h-800.jpg 800w, /_images/photo-h-1200.jpg 1200w',
    width: 1200,
    height: 675,
  };

  it('feedImage: the fallback file by absolute URL, with its own size', () => {
    expect(feedImage(picture, ORIGIN)).toEqual({ src: 'https://gazette.example/_images/photo-h-800.jpg', width: 800, height: 450 });
  });

  it('feedImage: a small image is its own largest variant', () => {
    const small = { sources: [], src: '/_images/s-h-300.png', srcset: '/_images/s-h-300.png 300w', width: 300, height: 100 };
    expect(feedImage(small, ORIGIN)).toEqual({ src: 'https://gazette.example/_images/s-h-300.png', width: 300, height: 100 });
  });

  it('feedLogoUrl: the smallest variant', () => {
    expect(feedLogoUrl(picture, ORIGIN)).toBe('https://gazette.example/_images/photo-h-400.jpg');
  });
});

describe('escaping', () => {
  it('escapeXml escapes the five XML characters', () => {
    expect(escapeXml(`<a href="x">R&D</a> l'an`)).toBe('&lt;a href=&quot;x&quot;&gt;R&amp;D&lt;/a&gt; l&apos;an');
  });
  it('escapeHtml escapes text content only', () => {
    expect(escapeHtml('« R&D » <b> l’an')).toBe('« R&amp;D » &lt;b&gt; l’an');
  });
});

describe('toFeedOptions and the feed string', () => {
  it('has the channel fields, with lastBuildDate from the articles', () => {
    const options = toFeedOptions(channel, [entry(newest), entry(older)], ORIGIN);
    expect(options).toMatchObject({ title: 'La Gazette de Test', description: 'Un petit magazine pour les tests', site: 'https://gazette.example/' });
    expect(options.xmlns).toEqual(FEED_NAMESPACES);
    expect(options.customData).toContain('<lastBuildDate>Fri, 13 May 2016 08:30:00 GMT</lastBuildDate>');
  });

  it('builds a feed whose parsed XML has every channel and item field', async () => {
    const enclosure = { url: `${ORIGIN}/_images/couverture-og.jpg`, length: 7968 };
    const xml = await getRssString(toFeedOptions(channel, [entry(newest, { enclosure }), entry(older)], ORIGIN));
    const rss = parseFeed(xml);
    expect(rss['@version']).toBe('2.0');
    expect(rss['@xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
    expect(rss['@xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
    expect(rss['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');

    const c = rss.channel;
    expect(c.title).toBe('La Gazette de Test');
    expect(c.link).toBe('https://gazette.example/');
    expect(c.language).toBe('fr-FR');
    expect(c.lastBuildDate).toBe('Fri, 13 May 2016 08:30:00 GMT');
    expect(c['atom:link']).toEqual({ '@href': 'https://gazette.example/rss.xml', '@rel': 'self', '@type': 'application/rss+xml' });
    expect(c.image).toEqual({ url: channel.imageUrl, title: 'La Gazette de Test', link: 'https://gazette.example/' });

    const [first, second] = c.item;
    expect(first.title).toBe(newest.title);
    expect(first.guid).toEqual({ '#text': 'https://gazette.example/articles/premier-episode/', '@isPermaLink': 'true' });
    expect(first.pubDate).toBe('Thu, 12 May 2016 06:00:00 GMT');
    expect(first['content:encoded']).toBe('<p>Corps de premier-episode</p>');
    expect(first['dc:creator']).toEqual(['Alice Martin', 'Bruno Petit']);
    expect(first.category).toEqual(['Cloud', 'cloud souverain', 'OpenStack']);
    expect(first.enclosure).toEqual({ '@url': enclosure.url, '@length': '7968', '@type': 'image/jpeg' });
    expect(second['dc:creator']).toEqual(['Alice Martin']);
    expect(second.enclosure).toBeUndefined();
  });

  it('keeps special characters of names intact through @astrojs/rss', async () => {
    const xml = await getRssString(toFeedOptions(channel, [entry(article({ authors: [{ name: 'Dupont & <Fils>' }] }))], ORIGIN));
    expect(parseFeed(xml).channel.item[0]['dc:creator']).toEqual(['Dupont & <Fils>']);
  });

  it('gives a valid empty channel, without lastBuildDate, for a rubrique with no article yet', async () => {
    const xml = await getRssString(toFeedOptions({ ...channel, pagePath: '/rubriques/mobile/', feedPath: '/rubriques/mobile/rss.xml' }, [], ORIGIN));
    const c = parseFeed(xml).channel;
    expect(c.item).toBeUndefined();
    expect(c.lastBuildDate).toBeUndefined();
    expect(c.link).toBe('https://gazette.example/rubriques/mobile/');
    expect(c['atom:link']['@href']).toBe('https://gazette.example/rubriques/mobile/rss.xml');
  });

  it('is deterministic: the same input gives the same string', async () => {
    const build = () => getRssString(toFeedOptions(channel, [entry(newest), entry(older)], ORIGIN));
    expect(await build()).toBe(await build());
  });

  it('caps the main feed at 50 articles', () => {
    expect(MAIN_FEED_LIMIT).toBe(50);
  });
});
