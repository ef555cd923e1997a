/**
 * The feeds, in three formats side by side: RSS 2.0 (as plain data for
 * @astrojs/rss), Atom 1.0 and JSON Feed 1.1. Every format is written from
 * the same list of {@link FeedItem}s (see `toFeedItems`), so the three never
 * disagree on an item, a date, an author or an image. Pure: the articles,
 * their rendered HTML and the sizes of their files come in as arguments; no
 * clock, no collection, no file system.
 *
 * The feeds are full-content: they carry the whole article, and feed readers
 * show it away from the site, so every URL in it must be absolute (see
 * `resolveFeedUrl`).
 */
import { getRssString, type RSSFeedItem, type RSSOptions } from '@astrojs/rss';
import { XMLBuilder } from 'fast-xml-parser';
import { fr } from '../i18n/fr.ts';
import { toIsoString } from './dates.ts';
import { latestUpdate } from './live.ts';
import { smallestFallback, type PictureData } from './images.ts';
import { absoluteUrl, sitePath, type FeedPaths } from './urls.ts';

/**
 * How many articles, newest first, the whole magazine's feed and each
 * author's and tag's feed carry: a feed brings what is new, the page keeps
 * the archive, and an author or a tag appears in hundreds of articles of a
 * large magazine (each copy in full, in three formats). Series and rubrique
 * feeds carry all of theirs.
 */
export const MAIN_FEED_LIMIT = 50;

/**
 * How many published articles a tag needs before its feed is offered: named
 * by a `<link rel="alternate">` in the tag page's head and listed on the
 * « S'abonner » page. A tag used once or twice is not a subject anyone
 * follows, and a long list of near-empty feeds would hide the others.
 */
export const TAG_FEED_MIN_ARTICLES = 3;

/**
 * Whether a tag with `publishedCount` published articles has its feed
 * offered ({@link TAG_FEED_MIN_ARTICLES}). The feed file itself is written
 * for every tag that has a page, offered or not: a reader subscribed while
 * the tag had three articles keeps a working feed when one of them expires
 * or loses the tag, instead of an error in the feed reader.
 */
export function offersTagFeed(publishedCount: number): boolean {
  return publishedCount >= TAG_FEED_MIN_ARTICLES;
}

/** Namespaces declared on `<rss>`: self link, full content, creators. */
export const FEED_NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
} as const;

/** What a feed item reads from an article (a subset of the data layer's ArticleView). */
export interface FeedArticle {
  slug: string;
  /** Path of the article page, e.g. `/articles/x/`. */
  url: string;
  /** Typeset title and lede. */
  title: string;
  description: string;
  publishedAt: Date;
  updatedAt?: Date | undefined;
  /** Dated correction notices: the latest one moves the item's updated date. */
  corrections?: readonly { at: Date }[] | undefined;
  /** `url`: the path of the author's page. */
  authors: readonly { name: string; url?: string | undefined }[];
  category: { title: string };
  tags: readonly { label: string }[];
  /** A live blog's updates: the latest one moves the article's date. */
  liveUpdates?: readonly { at: Date }[] | undefined;
}

/** One article ready for the feed: its data, its rendered HTML and its cover enclosure. */
export interface FeedEntry {
  article: FeedArticle;
  /** The article rendered to HTML with absolute URLs only (cover first, then the body). */
  content: string;
  /** The cover's Open Graph JPEG: absolute URL and exact size in bytes. */
  enclosure?: { url: string; length: number } | undefined;
}

/** Escapes text for an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[ch]};`);
}

/**
 * Escapes plain text for a place where feed readers expect HTML: RSS's
 * `<description>` is read as HTML, so a lede about `<video>` or « R&D » must
 * reach the reader as text, not as markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt' }[ch]};`);
}

const RFC_822_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const RFC_822_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * RFC 822 date, as RSS 2.0 wants it, in Paris time with its offset:
 * `Thu, 12 May 2016 08:00:00 +0200`. Not UTC (what @astrojs/rss makes of a
 * `pubDate`): a reader that shows the date as written must show the
 * magazine's day, and an article published at 0 h 30 in Paris must not show
 * the day before.
 */
export function toRfc822(date: Date): string {
  const [, y, m, d, time, sign, oh, om] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})([+-])(\d{2}):(\d{2})$/.exec(toIsoString(date))!;
  const weekday = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).getUTCDay();
  return `${RFC_822_DAYS[weekday]}, ${d} ${RFC_822_MONTHS[Number(m) - 1]} ${y} ${time} ${sign}${oh}${om}`;
}

/**
 * RFC 3339 date, as Atom and JSON Feed want it, in Paris time with its
 * offset (`2016-05-12T08:00:00+02:00`), like the pages' `datetime` and
 * structured data.
 */
export function toRfc3339(date: Date): string {
  return toIsoString(date);
}

/**
 * When an article last changed, as the feeds say it (Atom `updated`, JSON
 * Feed `date_modified`, RSS `lastBuildDate`): the latest of its `updatedAt`,
 * its corrections' dates and, for a live blog, its latest update, else its
 * `publishedAt`. This is the one place to change when something else moves
 * an article's date.
 */
export function changedAt(article: Pick<FeedArticle, 'publishedAt' | 'updatedAt' | 'corrections' | 'liveUpdates'>): Date {
  let latest = article.publishedAt;
  for (const d of [article.updatedAt, latestUpdate(article.liveUpdates), ...(article.corrections ?? []).map((c) => c.at)]) if (d && d > latest) latest = d;
  return latest;
}

/**
 * An absolute URL for a `src`/`href` found in an article's body: root paths
 * (`/articles/x/`, as a writer types them) go under the site's base path
 * ({@link sitePath}) and take the site's origin, relative ones (`#note`,
 * `../x/`, `photo.jpg`) resolve against the article's own absolute URL, and
 * URLs with a scheme (`https:`, `mailto:`) are kept as they are.
 */
export function resolveFeedUrl(href: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  return new URL(sitePath(href), base).href;
}

/**
 * The one file a feed reader should load for an image: the `<img>` fallback
 * of its `<picture>` (800 px wide, or the largest variant when smaller), with
 * its own width and height read from the srcset.
 */
export function feedImage(picture: PictureData, origin: string): { src: string; width: number; height: number } {
  const candidates = picture.srcset.split(', ').map((c) => {
    const [url = '', w = ''] = c.split(' ');
    return { url, width: Number.parseInt(w, 10) };
  });
  const width = candidates.find((c) => c.url === picture.src)?.width ?? picture.width;
  return {
    src: absoluteUrl(picture.src, origin),
    width,
    height: Math.max(1, Math.round((picture.height * width) / picture.width)),
  };
}

/**
 * The channel's `<image>`: the smallest variant of the logo (RSS readers
 * show it as a small badge), by absolute URL.
 */
export function feedLogoUrl(picture: PictureData, origin: string): string {
  return absoluteUrl(smallestFallback(picture), origin);
}

/** Labels of an article's categories in its feed item: its rubrique, then its tags, each once. */
export function feedCategories(article: Pick<FeedArticle, 'category' | 'tags'>): string[] {
  return [...new Set([article.category.title, ...article.tags.map((t) => t.label)])];
}

/**
 * One item of a feed, in no format yet: what RSS, Atom and JSON Feed all say
 * about an article. Texts are plain (each format escapes them its own way);
 * URLs are absolute.
 */
export interface FeedItem {
  /** The permalink: RSS `guid`, Atom `id`, JSON Feed `id`. */
  id: string;
  url: string;
  title: string;
  /** The lede, plain text. */
  summary: string;
  /** The whole article as HTML, cover first. */
  contentHtml: string;
  published: Date;
  /** When the item last changed (see {@link changedAt}). */
  updated: Date;
  authors: { name: string; url?: string | undefined }[];
  categories: string[];
  /** The cover: its 1200×630 Open Graph JPEG and its exact size in bytes. */
  image?: { url: string; length: number; type: 'image/jpeg' } | undefined;
}

/** The feed items of articles, in the order given (the data layer gives them newest first). */
export function toFeedItems(entries: readonly FeedEntry[], origin: string): FeedItem[] {
  return entries.map(({ article, content, enclosure }) => {
    const url = absoluteUrl(article.url, origin);
    return {
      id: url,
      url,
      title: article.title,
      summary: article.description,
      contentHtml: content,
      published: article.publishedAt,
      updated: changedAt(article),
      authors: article.authors.map((a) => ({ name: a.name, url: a.url && absoluteUrl(a.url, origin) })),
      categories: feedCategories(article),
      image: enclosure && { url: enclosure.url, length: enclosure.length, type: 'image/jpeg' },
    };
  });
}

/** What a channel is about: a title, a description, and the page it stands for. */
export interface FeedChannel {
  title: string;
  description: string;
  /** Path of the HTML page of the feed (`/`, `/series/x/`, `/rubriques/x/`). */
  pagePath: string;
  /** Paths of the feed in each format, for the self links. */
  feedPaths: FeedPaths;
  /** Path of the CSS stylesheet that RSS and Atom name for browsers (`/feed.css`). */
  cssPath: string;
  /** Path of the « S'abonner » page, which lists every feed of the magazine. */
  subscribePath: string;
  /** BCP 47 language of the magazine. */
  language: string;
  /** Who publishes the feed (the magazine's name): Atom wants an author for the feed. */
  publisher: string;
  /** Absolute URL of the magazine's logo, if it has one. */
  imageUrl?: string | undefined;
  /** The WebSub hub the magazine pings after each deploy (`websub.hub` of site.yaml), if it has one. */
  hub?: string | undefined;
}

/** An RSS item for @astrojs/rss. */
export function toRssItem(item: FeedItem): RSSFeedItem {
  return {
    title: item.title,
    // An absolute link: @astrojs/rss also makes it the guid, with isPermaLink="true".
    link: item.url,
    // The lede is plain text; readers parse <description> as HTML.
    description: escapeHtml(item.summary),
    content: item.contentHtml,
    customData: [
      // Written here rather than as @astrojs/rss's `pubDate`, which would be UTC (see toRfc822).
      `<pubDate>${toRfc822(item.published)}</pubDate>`,
      // One dc:creator per author (RSS's own <author> wants an e-mail address).
      ...item.authors.map((a) => `<dc:creator>${escapeXml(a.name)}</dc:creator>`),
    ].join(''),
    categories: item.categories,
    ...(item.image && { enclosure: { url: item.image.url, length: item.image.length, type: item.image.type } }),
  };
}

/**
 * The options of @astrojs/rss's `getRssString` for a channel and its items.
 * `lastBuildDate` is the date of the last change among the items, never the
 * clock (see {@link lastChangeOf}).
 */
export function toRssOptions(channel: FeedChannel, items: readonly FeedItem[], origin: string): RSSOptions {
  const link = absoluteUrl(channel.pagePath, origin);
  const lastChange = lastChangeOf(items);
  const customData = [
    `<language>${escapeXml(channel.language)}</language>`,
    lastChange ? `<lastBuildDate>${toRfc822(lastChange)}</lastBuildDate>` : '',
    `<atom:link href="${escapeXml(absoluteUrl(channel.feedPaths.rss, origin))}" rel="self" type="application/rss+xml"/>`,
    // WebSub discovery: the hub beside the self link, the topic a subscriber names.
    channel.hub ? `<atom:link href="${escapeXml(channel.hub)}" rel="hub"/>` : '',
    // The RSS image's title and link must be the channel's own.
    channel.imageUrl
      ? `<image><url>${escapeXml(channel.imageUrl)}</url><title>${escapeXml(channel.title)}</title><link>${escapeXml(link)}</link></image>`
      : '',
    xmlBuilder.build(feedPageElements(channel, items, origin)) as string,
  ].join('');
  return {
    title: channel.title,
    description: escapeHtml(channel.description),
    site: link,
    items: items.map(toRssItem),
    xmlns: { ...FEED_NAMESPACES },
    customData,
    trailingSlash: true,
  };
}

/**
 * The instruction that makes a browser show a feed with the site's CSS. A
 * CSS stylesheet, not XSL: Chromium deprecates XSLT and draws a warning
 * over any page it transforms; CSS styles the feed's own elements, and the
 * XHTML of {@link feedPageElements} gives it French text and real links.
 */
export function cssStylesheetInstruction(cssPath: string): string {
  return `<?xml-stylesheet type="text/css" href="${escapeXml(cssPath)}"?>`;
}

/**
 * The RSS 2.0 document of a channel: @astrojs/rss's, with the CSS
 * stylesheet instruction after the XML declaration (@astrojs/rss writes a
 * `type` only for an XSL stylesheet; the instruction names `text/css`, as
 * the xml-stylesheet recommendation asks).
 */
export async function toRss(channel: FeedChannel, items: readonly FeedItem[], origin: string): Promise<string> {
  const xml = await getRssString(toRssOptions(channel, items, origin));
  return xml.replace(/^(<\?xml [^?]*\?>)/, `$1${cssStylesheetInstruction(channel.cssPath)}`);
}

/** The XHTML namespace: its elements in a feed are real HTML elements to a browser, and extensions readers skip. */
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

const page = fr.feedPage;

/**
 * What a person who opens a feed in a browser reads above its items, as
 * XHTML elements of the channel (RSS) or feed (Atom): what a feed is, a link
 * to the « S'abonner » page and to the site, and the heading of the items
 * (or that there is none yet). Feed readers ignore elements of a namespace
 * they do not know; public/feed.css lays them out with the feed's title,
 * description and items. Each element names its namespace itself, and no
 * element holds both text and elements: @astrojs/rss parses its custom data
 * again and would reorder mixed content.
 */
export function feedPageElements(channel: Pick<FeedChannel, 'pagePath' | 'subscribePath'>, items: readonly unknown[], origin: string): Record<string, unknown> {
  const ns = { '@xmlns:h': XHTML_NAMESPACE };
  return {
    'h:div': {
      ...ns,
      '@class': 'feed-help',
      'h:h2': page.whatTitle,
      'h:p': [
        { '#text': page.what },
        { '@class': 'feed-subscribe', 'h:a': { '@href': absoluteUrl(channel.subscribePath, origin), '#text': page.subscribe } },
        { '@class': 'feed-site', 'h:a': { '@href': absoluteUrl(channel.pagePath, origin), '#text': page.toSite } },
      ],
    },
    'h:h2': { ...ns, '@class': 'feed-latest', '#text': items.length > 0 ? page.latest : page.empty },
  };
}

/**
 * The date of the last change among the items of a feed (RSS
 * `lastBuildDate`, Atom feed `updated`): the latest `updated`. It is usually
 * the newest article's; an update to an older article changes that item, so
 * it counts too. Undefined for an empty feed: the build clock is never used,
 * so two builds of the same content give the same feed.
 */
export function lastChangeOf(items: readonly Pick<FeedItem, 'updated'>[]): Date | undefined {
  let last: Date | undefined;
  for (const item of items) if (!last || item.updated > last) last = item.updated;
  return last;
}

/**
 * Atom wants a feed `updated` even when the feed has no entry; the clock would
 * make two builds of the same content differ, so an empty feed says the
 * Unix epoch: it has never changed.
 */
const NEVER = new Date(0);

// fast-xml-parser 5 marks its XMLBuilder deprecated in favour of the
// fast-xml-builder package (the same builder, which it depends on); that
// package is not a dependency of ours yet, so the re-export is used.
const xmlBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

/**
 * The Atom 1.0 document of a channel. Written with fast-xml-parser's builder
 * (which escapes every text and attribute) rather than the `feed` package:
 * `feed` 6 falls back to the clock for `updated`, types the enclosure
 * `image/jpg` from the file extension, and marks titles `type="html"`
 * without escaping them.
 */
export function toAtom(channel: FeedChannel, items: readonly FeedItem[], origin: string): string {
  const self = absoluteUrl(channel.feedPaths.atom, origin);
  return xmlBuilder.build({
    '?xml': { '@version': '1.0', '@encoding': 'utf-8' },
    '?xml-stylesheet': { '@type': 'text/css', '@href': channel.cssPath },
    feed: {
      '@xmlns': FEED_NAMESPACES.atom,
      '@xml:lang': channel.language,
      // The feed's own URL: unique among the magazine's feeds and stable.
      id: self,
      title: channel.title,
      subtitle: channel.description,
      updated: toRfc3339(lastChangeOf(items) ?? NEVER),
      link: [
        { '@rel': 'self', '@type': 'application/atom+xml', '@href': self },
        { '@rel': 'alternate', '@type': 'text/html', '@href': absoluteUrl(channel.pagePath, origin) },
        // WebSub discovery: the hub beside the self link, the topic a subscriber names.
        ...(channel.hub ? [{ '@rel': 'hub', '@href': channel.hub }] : []),
      ],
      author: { name: channel.publisher },
      ...(channel.imageUrl && { logo: channel.imageUrl }),
      ...feedPageElements(channel, items, origin),
      entry: items.map((item) => ({
        id: item.id,
        title: item.title,
        link: [
          { '@rel': 'alternate', '@type': 'text/html', '@href': item.url },
          ...(item.image ? [{ '@rel': 'enclosure', '@type': item.image.type, '@length': String(item.image.length), '@href': item.image.url }] : []),
        ],
        published: toRfc3339(item.published),
        updated: toRfc3339(item.updated),
        author: item.authors.map((a) => ({ name: a.name, ...(a.url && { uri: a.url }) })),
        category: item.categories.map((term) => ({ '@term': term })),
        summary: { '@type': 'text', '#text': item.summary },
        content: { '@type': 'html', '#text': item.contentHtml },
      })),
    },
  }) as string;
}

/** The JSON Feed 1.1 version URL, which a reader checks first. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/**
 * The JSON Feed 1.1 document of a channel. Hand-written rather than the
 * `feed` package's `json1()`, which writes version 1 (a single `author`, no
 * `authors`, no `language`): a JSON Feed is a plain object, JSON.stringify
 * does the escaping.
 */
export function toJsonFeed(channel: FeedChannel, items: readonly FeedItem[], origin: string): string {
  const feed = {
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: absoluteUrl(channel.pagePath, origin),
    feed_url: absoluteUrl(channel.feedPaths.json, origin),
    description: channel.description,
    ...(channel.imageUrl && { icon: channel.imageUrl }),
    authors: [{ name: channel.publisher }],
    language: channel.language,
    ...(channel.hub && { hubs: [{ type: 'WebSub', url: channel.hub }] }),
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      summary: item.summary,
      ...(item.image && { image: item.image.url }),
      date_published: toRfc3339(item.published),
      date_modified: toRfc3339(item.updated),
      authors: item.authors.map((a) => ({ name: a.name, ...(a.url && { url: a.url }) })),
      tags: item.categories,
      language: channel.language,
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
