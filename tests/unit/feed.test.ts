import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  FEED_NAMESPACES,
  JSON_FEED_VERSION,
  MAIN_FEED_LIMIT,
  changedAt,
  escapeHtml,
  escapeXml,
  feedCategories,
  feedImage,
  feedLogoUrl,
  lastChangeOf,
  resolveFeedUrl,
  toAtom,
  toFeedItems,
  toJsonFeed,
  toRfc3339,
  toRfc822,
  toRss,
  toRssItem,
  toRssOptions,
  XHTML_NAMESPACE,
  type FeedArticle,
  type FeedChannel,
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
    authors: [
      { name: 'Alice Martin', url: '/auteurs/alice-martin/' },
      { name: 'Bruno Petit', url: '/auteurs/bruno-petit/' },
    ],
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
  authors: [{ name: 'Alice Martin', url: '/auteurs/alice-martin/' }],
  tags: [{ label: 'cloud souverain' }],
});

const channel: FeedChannel = {
  title: 'La Gazette de Test',
  description: 'Un petit magazine pour les tests',
  pagePath: '/',
  feedPaths: { rss: '/rss.xml', atom: '/atom.xml', json: '/feed.json' },
  cssPath: '/feed.css',
  subscribePath: '/sabonner/',
  language: 'fr-FR',
  publisher: 'La Gazette de Test',
  imageUrl: `${ORIGIN}/_images/logo-abc-256.png`,
};
const mobile: FeedChannel = {
  ...channel,
  title: 'Mobile — La Gazette de Test',
  pagePath: '/rubriques/mobile/',
  feedPaths: { rss: '/rubriques/mobile/rss.xml', atom: '/rubriques/mobile/atom.xml', json: '/rubriques/mobile/feed.json' },
};
const cover = { url: `${ORIGIN}/_images/couverture-og.jpg`, length: 7968 };
const items = () => toFeedItems([entry(newest, { enclosure: cover }), entry(older)], ORIGIN);

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

describe('toFeedItems: the one list every format is written from', () => {
  const [first, second] = items();

  it('keeps the order given (newest first from the data layer)', () => {
    expect([first?.title, second?.title]).toEqual([newest.title, older.title]);
  });

  it('gives the permalink as id and url, the typeset title and lede as plain text, the whole body', () => {
    expect(first).toMatchObject({
      id: 'https://gazette.example/articles/premier-episode/',
      url: 'https://gazette.example/articles/premier-episode/',
      title: 'Un an après\u00A0: le premier épisode',
      summary: 'Le premier épisode\u202F; une question\u202F?',
      contentHtml: '<p>Corps de premier-episode</p>',
    });
  });

  it('dates an item by its publication, and its last change by the update when there is one', () => {
    expect(first?.published).toEqual(newest.publishedAt);
    expect(first?.updated).toEqual(newest.updatedAt);
    expect(second?.published).toEqual(older.publishedAt);
    expect(second?.updated).toEqual(older.publishedAt);
  });

  it('names every author with the absolute URL of their page', () => {
    expect(first?.authors).toEqual([
      { name: 'Alice Martin', url: 'https://gazette.example/auteurs/alice-martin/' },
      { name: 'Bruno Petit', url: 'https://gazette.example/auteurs/bruno-petit/' },
    ]);
  });

  it('lists the rubrique then the tags as categories, each once', () => {
    expect(first?.categories).toEqual(['Cloud', 'cloud souverain', 'OpenStack']);
    expect(feedCategories({ category: { title: 'Mobile' }, tags: [{ label: 'Mobile' }, { label: '5G' }] })).toEqual(['Mobile', '5G']);
  });

  it('carries the cover as a JPEG of exact length, and nothing without a cover', () => {
    expect(first?.image).toEqual({ url: cover.url, length: 7968, type: 'image/jpeg' });
    expect(second?.image).toBeUndefined();
  });
});

describe('changedAt', () => {
  it('is the update when later than the publication, else the publication', () => {
    expect(changedAt(newest)).toEqual(newest.updatedAt);
    expect(changedAt(older)).toEqual(older.publishedAt);
    expect(changedAt({ publishedAt: new Date('2016-01-02T00:00:00Z'), updatedAt: new Date('2016-01-01T00:00:00Z') })).toEqual(
      new Date('2016-01-02T00:00:00Z'),
    );
  });

  it('follows the latest correction when it is later than the update', () => {
    const publishedAt = new Date('2016-01-01T00:00:00Z');
    const updatedAt = new Date('2016-01-02T00:00:00Z');
    const corrections = [{ at: new Date('2016-01-05T00:00:00Z') }, { at: new Date('2016-01-03T00:00:00Z') }];
    expect(changedAt({ publishedAt, updatedAt, corrections })).toEqual(new Date('2016-01-05T00:00:00Z'));
    expect(changedAt({ publishedAt, updatedAt: new Date('2016-02-01T00:00:00Z'), corrections })).toEqual(new Date('2016-02-01T00:00:00Z'));
    expect(changedAt({ publishedAt, corrections: [] })).toEqual(publishedAt);
  });
});

describe('toRssItem', () => {
  const [first, second] = items().map(toRssItem);

  it('gives the absolute link and the content', () => {
    expect(first).toMatchObject({ title: newest.title, link: 'https://gazette.example/articles/premier-episode/', content: '<p>Corps de premier-episode</p>' });
  });

  it('has the publication date in Paris time, then one dc:creator per author, escaped for XML', () => {
    expect(first?.customData).toBe('<pubDate>Thu, 12 May 2016 08:00:00 +0200</pubDate><dc:creator>Alice Martin</dc:creator><dc:creator>Bruno Petit</dc:creator>');
    const [item] = toFeedItems([entry(article({ authors: [{ name: 'Dupont & <Fils>' }] }))], ORIGIN).map(toRssItem);
    expect(item?.customData).toContain('<dc:creator>Dupont &amp; &lt;Fils&gt;</dc:creator>');
  });

  it('adds the cover enclosure, and none without a cover', () => {
    expect(first?.enclosure).toEqual({ url: cover.url, length: 7968, type: 'image/jpeg' });
    expect(second).not.toHaveProperty('enclosure');
  });

  it('escapes a plain-text lede for readers that parse <description> as HTML', () => {
    const [item] = toFeedItems([entry(article({ description: 'La balise <video> & la R&D' }))], ORIGIN).map(toRssItem);
    expect(item?.description).toBe('La balise &lt;video&gt; &amp; la R&amp;D');
  });
});

describe('dates', () => {
  it('toRfc822: RFC 822 in Paris time, summer and winter', () => {
    expect(toRfc822(new Date('2016-05-12T06:00:00Z'))).toBe('Thu, 12 May 2016 08:00:00 +0200');
    expect(toRfc822(new Date('2012-01-01T23:30:00Z'))).toBe('Mon, 02 Jan 2012 00:30:00 +0100');
    // The same instant as the UTC form, for a parser.
    expect(Date.parse(toRfc822(new Date('2016-05-12T06:00:00Z')))).toBe(Date.parse('2016-05-12T06:00:00Z'));
  });

  it('toRfc3339: RFC 3339 in Paris time', () => {
    expect(toRfc3339(new Date('2016-05-12T06:00:00Z'))).toBe('2016-05-12T08:00:00+02:00');
  });
});

describe('lastChangeOf', () => {
  const changes = (...articles: FeedArticle[]) => toFeedItems(articles.map((a) => entry(a)), ORIGIN);

  it('is the latest update or publication among the items', () => {
    expect(lastChangeOf(changes(newest, older))).toEqual(new Date('2016-05-13T10:30:00+02:00'));
    expect(lastChangeOf(changes(older))).toEqual(older.publishedAt);
  });

  it('counts an update to an older article, since it changes that item', () => {
    const updatedOld = { ...older, updatedAt: new Date('2020-01-01T00:00:00Z') };
    expect(lastChangeOf(changes(newest, updatedOld))).toEqual(new Date('2020-01-01T00:00:00Z'));
  });

  it('is undefined for no item (never the clock)', () => {
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

describe('toRssOptions and the RSS string', () => {
  it('has the channel fields, with lastBuildDate from the articles', () => {
    const options = toRssOptions(channel, items(), ORIGIN);
    expect(options).toMatchObject({ title: 'La Gazette de Test', description: 'Un petit magazine pour les tests', site: 'https://gazette.example/' });
    expect(options.stylesheet).toBeUndefined();
    expect(options.xmlns).toEqual(FEED_NAMESPACES);
    expect(options.customData).toContain('<lastBuildDate>Fri, 13 May 2016 10:30:00 +0200</lastBuildDate>');
  });

  it('builds a feed whose parsed XML has every channel and item field', async () => {
    const xml = await toRss(channel, items(), ORIGIN);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><\?xml-stylesheet type="text\/css" href="\/feed.css"\?><rss /);
    const rss = parseFeed(xml);
    expect(rss['@version']).toBe('2.0');
    expect(rss['@xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
    expect(rss['@xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
    expect(rss['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');

    const c = rss.channel;
    expect(c.title).toBe('La Gazette de Test');
    expect(c.link).toBe('https://gazette.example/');
    expect(c.language).toBe('fr-FR');
    expect(c.lastBuildDate).toBe('Fri, 13 May 2016 10:30:00 +0200');
    expect(c['atom:link']).toEqual({ '@href': 'https://gazette.example/rss.xml', '@rel': 'self', '@type': 'application/rss+xml' });
    expect(c.image).toEqual({ url: channel.imageUrl, title: 'La Gazette de Test', link: 'https://gazette.example/' });

    const [first, second] = c.item;
    expect(first.title).toBe(newest.title);
    expect(first.guid).toEqual({ '#text': 'https://gazette.example/articles/premier-episode/', '@isPermaLink': 'true' });
    expect(first.pubDate).toBe('Thu, 12 May 2016 08:00:00 +0200');
    expect(first['content:encoded']).toBe('<p>Corps de premier-episode</p>');
    expect(first['dc:creator']).toEqual(['Alice Martin', 'Bruno Petit']);
    expect(first.category).toEqual(['Cloud', 'cloud souverain', 'OpenStack']);
    expect(first.enclosure).toEqual({ '@url': cover.url, '@length': '7968', '@type': 'image/jpeg' });
    expect(second['dc:creator']).toEqual(['Alice Martin']);
    expect(second.enclosure).toBeUndefined();
  });

  it('keeps special characters of names intact through @astrojs/rss', async () => {
    const xml = await getRssString(toRssOptions(channel, toFeedItems([entry(article({ authors: [{ name: 'Dupont & <Fils>' }] }))], ORIGIN), ORIGIN));
    expect(parseFeed(xml).channel.item[0]['dc:creator']).toEqual(['Dupont & <Fils>']);
  });

  it('gives a valid empty channel, without lastBuildDate, for a rubrique with no article yet', async () => {
    const xml = await getRssString(toRssOptions(mobile, [], ORIGIN));
    const c = parseFeed(xml).channel;
    expect(c.item).toBeUndefined();
    expect(c.lastBuildDate).toBeUndefined();
    expect(c.link).toBe('https://gazette.example/rubriques/mobile/');
    expect(c['atom:link']['@href']).toBe('https://gazette.example/rubriques/mobile/rss.xml');
  });

  it('is deterministic: the same input gives the same string', async () => {
    const build = () => getRssString(toRssOptions(channel, items(), ORIGIN));
    expect(await build()).toBe(await build());
  });

  it('caps the main feed at 50 articles', () => {
    expect(MAIN_FEED_LIMIT).toBe(50);
  });
});

/** Parses an Atom string, keeping attributes and every repeated element as an array. */
function parseAtom(xml: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => ['entry', 'link', 'author', 'category'].includes(name),
  });
  return parser.parse(xml);
}

describe('toAtom', () => {
  it('names the CSS stylesheet, then has the feed id, title, updated from the newest change, self and alternate links', () => {
    const xml = toAtom(channel, items(), ORIGIN);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<\?xml-stylesheet type="text\/css" href="\/feed.css"\?>\s*<feed /);
    const feed = parseAtom(xml).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@xml:lang']).toBe('fr-FR');
    expect(feed.id).toBe('https://gazette.example/atom.xml');
    expect(feed.title).toBe('La Gazette de Test');
    expect(feed.updated).toBe('2016-05-13T10:30:00+02:00');
    expect(feed.link).toEqual([
      { '@rel': 'self', '@type': 'application/atom+xml', '@href': 'https://gazette.example/atom.xml' },
      { '@rel': 'alternate', '@type': 'text/html', '@href': 'https://gazette.example/' },
    ]);
    expect(feed.author).toEqual([{ name: 'La Gazette de Test' }]);
  });

  it('gives each entry the same id, title, dates, authors, categories, cover and content as the shared items', () => {
    const [first, second] = parseAtom(toAtom(channel, items(), ORIGIN)).feed.entry;
    expect(first).toMatchObject({
      id: 'https://gazette.example/articles/premier-episode/',
      title: newest.title,
      published: '2016-05-12T08:00:00+02:00',
      updated: '2016-05-13T10:30:00+02:00',
      summary: { '@type': 'text', '#text': newest.description },
      content: { '@type': 'html', '#text': '<p>Corps de premier-episode</p>' },
    });
    expect(first.link).toEqual([
      { '@rel': 'alternate', '@type': 'text/html', '@href': 'https://gazette.example/articles/premier-episode/' },
      { '@rel': 'enclosure', '@type': 'image/jpeg', '@length': '7968', '@href': cover.url },
    ]);
    expect(first.author).toEqual([
      { name: 'Alice Martin', uri: 'https://gazette.example/auteurs/alice-martin/' },
      { name: 'Bruno Petit', uri: 'https://gazette.example/auteurs/bruno-petit/' },
    ]);
    expect(first.category.map((c: { '@term': string }) => c['@term'])).toEqual(['Cloud', 'cloud souverain', 'OpenStack']);
    // Never updated: its update is its publication.
    expect(second.updated).toBe(second.published);
    expect(second.link).toHaveLength(1);
  });

  it('escapes markup in texts: a title about <video> stays text', () => {
    const xml = toAtom(channel, toFeedItems([entry(article({ title: 'La balise <video> & la R&D' }))], ORIGIN), ORIGIN);
    expect(parseAtom(xml).feed.entry[0].title).toBe('La balise <video> & la R&D');
    expect(xml).toContain('<title>La balise &lt;video&gt; &amp; la R&amp;D</title>');
  });

  it('dates an empty feed from the epoch, never the clock', () => {
    const feed = parseAtom(toAtom(mobile, [], ORIGIN)).feed;
    expect(Date.parse(feed.updated)).toBe(0);
    expect(feed.entry).toBeUndefined();
    expect(feed.id).toBe('https://gazette.example/rubriques/mobile/atom.xml');
    expect(toAtom(mobile, [], ORIGIN)).toBe(toAtom(mobile, [], ORIGIN));
  });
});

describe('toJsonFeed', () => {
  it('is JSON Feed 1.1 with the channel fields', () => {
    const feed = JSON.parse(toJsonFeed(channel, items(), ORIGIN));
    expect(feed).toMatchObject({
      version: JSON_FEED_VERSION,
      title: 'La Gazette de Test',
      home_page_url: 'https://gazette.example/',
      feed_url: 'https://gazette.example/feed.json',
      description: 'Un petit magazine pour les tests',
      language: 'fr-FR',
      authors: [{ name: 'La Gazette de Test' }],
    });
    expect(JSON_FEED_VERSION).toBe('https://jsonfeed.org/version/1.1');
  });

  it('gives each item what the shared items say, with authors (1.1) rather than author (1.0)', () => {
    const [first, second] = JSON.parse(toJsonFeed(channel, items(), ORIGIN)).items;
    expect(first).toEqual({
      id: 'https://gazette.example/articles/premier-episode/',
      url: 'https://gazette.example/articles/premier-episode/',
      title: newest.title,
      content_html: '<p>Corps de premier-episode</p>',
      summary: newest.description,
      image: cover.url,
      date_published: '2016-05-12T08:00:00+02:00',
      date_modified: '2016-05-13T10:30:00+02:00',
      authors: [
        { name: 'Alice Martin', url: 'https://gazette.example/auteurs/alice-martin/' },
        { name: 'Bruno Petit', url: 'https://gazette.example/auteurs/bruno-petit/' },
      ],
      tags: ['Cloud', 'cloud souverain', 'OpenStack'],
      language: 'fr-FR',
    });
    expect(second).not.toHaveProperty('image');
    expect(second).not.toHaveProperty('author');
  });

  it('has an empty item list for a feed with no article', () => {
    expect(JSON.parse(toJsonFeed(mobile, [], ORIGIN)).items).toEqual([]);
  });
});

describe('the three formats agree', () => {
  it('on the items, their order, ids and dates', async () => {
    const shared = items();
    const rss = parseFeed(await getRssString(toRssOptions(channel, shared, ORIGIN))).channel.item.map((i: { guid: { '#text': string } }) => i.guid['#text']);
    const atom = parseAtom(toAtom(channel, shared, ORIGIN)).feed.entry.map((e: { id: string }) => e.id);
    const json = JSON.parse(toJsonFeed(channel, shared, ORIGIN)).items.map((i: { id: string }) => i.id);
    expect(atom).toEqual(rss);
    expect(json).toEqual(rss);
  });
});

describe('the page a browser shows for a feed', () => {
  /** The XHTML elements of a feed document, as a browser's XML parser sees them. */
  async function xhtmlOf(xml: string) {
    const { DOMParser } = await import('linkedom');
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const all = [...doc.querySelectorAll('*')].filter((el) => el.tagName.startsWith('h:'));
    return all.map((el) => ({ tag: el.tagName, text: el.textContent?.trim(), href: el.getAttribute('href') }));
  }

  it.each([
    ['RSS', () => toRss(channel, items(), ORIGIN)],
    ['Atom', async () => toAtom(channel, items(), ORIGIN)],
  ])('%s: says in French what a feed is, links to « S’abonner » and to the site, and heads the items', async (_, make) => {
    const xml = await make();
    expect(xml).toContain(`<h:div xmlns:h="${XHTML_NAMESPACE}" class="feed-help">`);
    const elements = await xhtmlOf(xml);
    expect(elements.find((e) => e.tag === 'h:h2')?.text).toBe('Ceci est un flux d’actualité');
    expect(elements.filter((e) => e.tag === 'h:a').map((e) => e.href)).toEqual([`${ORIGIN}/sabonner/`, `${ORIGIN}/`]);
    expect(elements.at(-1)).toMatchObject({ tag: 'h:h2', text: 'Derniers articles' });
    // Before the items: the browser shows them after it.
    expect(xml.indexOf('feed-latest')).toBeLessThan(xml.search(/<(item|entry)>/));
  });

  it('says so when a feed has no item yet', async () => {
    expect(await toRss(mobile, [], ORIGIN)).toContain('Aucun article pour l’instant.');
    expect(toAtom(mobile, [], ORIGIN)).toContain('Aucun article pour l’instant.');
  });
});
