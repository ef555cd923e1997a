/**
 * RSS 2.0 feeds as plain data for @astrojs/rss: the channel fields and one
 * item per article. Pure: the articles, their rendered HTML and the sizes of
 * their files come in as arguments; no clock, no collection, no file system.
 *
 * The feeds are full-content: `content:encoded` carries the whole article,
 * and feed readers show it away from the site, so every URL in it must be
 * absolute (see `resolveFeedUrl`).
 */
import type { RSSFeedItem, RSSOptions } from '@astrojs/rss';
import { smallestFallback, type PictureData } from './images.ts';
import { absoluteUrl, sitePath } from './urls.ts';

/** How many articles the main feed carries; series and rubrique feeds carry all of theirs. */
export const MAIN_FEED_LIMIT = 50;

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
  authors: readonly { name: string }[];
  category: { title: string };
  tags: readonly { label: string }[];
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

/** RFC 822 date, as RSS 2.0 wants it (the same form @astrojs/rss gives `pubDate`). */
export function toRfc822(date: Date): string {
  return date.toUTCString();
}

/**
 * The date of the last change among the articles of a feed: the latest
 * `updatedAt` or `publishedAt`. It is usually the newest article's date; an
 * update to an older article changes that article's `content:encoded`, so it
 * counts too. Undefined for an empty feed: the build clock is never used, so
 * two builds of the same content give the same feed.
 */
export function lastChangeOf(articles: readonly Pick<FeedArticle, 'publishedAt' | 'updatedAt'>[]): Date | undefined {
  let last: Date | undefined;
  for (const a of articles) {
    const changed = a.updatedAt && a.updatedAt > a.publishedAt ? a.updatedAt : a.publishedAt;
    if (!last || changed > last) last = changed;
  }
  return last;
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

/** The feed items of articles, in the order given (the data layer gives them newest first). */
export function toFeedItems(entries: readonly FeedEntry[], origin: string): RSSFeedItem[] {
  return entries.map(({ article, content, enclosure }) => ({
    title: article.title,
    // An absolute link: @astrojs/rss also makes it the guid, with isPermaLink="true".
    link: absoluteUrl(article.url, origin),
    pubDate: article.publishedAt,
    // The lede is plain text; readers parse <description> as HTML.
    description: escapeHtml(article.description),
    content,
    // One dc:creator per author (RSS's own <author> wants an e-mail address).
    customData: article.authors.map((a) => `<dc:creator>${escapeXml(a.name)}</dc:creator>`).join(''),
    categories: feedCategories(article),
    ...(enclosure && { enclosure: { url: enclosure.url, length: enclosure.length, type: 'image/jpeg' } }),
  }));
}

/** What a channel is about: a title, a description, and the page it stands for. */
export interface FeedChannel {
  title: string;
  description: string;
  /** Path of the HTML page of the feed (`/`, `/series/x/`, `/rubriques/x/`). */
  pagePath: string;
  /** Path of the feed itself, for `atom:link rel="self"`. */
  feedPath: string;
  /** BCP 47 language of the magazine. */
  language: string;
  /** Absolute URL of the magazine's logo, if it has one. */
  imageUrl?: string | undefined;
}

/**
 * The options of @astrojs/rss's `getRssString` for a channel and its items.
 * `lastBuildDate` is the date of the last change among the items, never the
 * clock (see {@link lastChangeOf}).
 */
export function toFeedOptions(channel: FeedChannel, entries: readonly FeedEntry[], origin: string): RSSOptions {
  const link = absoluteUrl(channel.pagePath, origin);
  const lastChange = lastChangeOf(entries.map((e) => e.article));
  const customData = [
    `<language>${escapeXml(channel.language)}</language>`,
    lastChange ? `<lastBuildDate>${toRfc822(lastChange)}</lastBuildDate>` : '',
    `<atom:link href="${escapeXml(absoluteUrl(channel.feedPath, origin))}" rel="self" type="application/rss+xml"/>`,
    // The RSS image's title and link must be the channel's own.
    channel.imageUrl
      ? `<image><url>${escapeXml(channel.imageUrl)}</url><title>${escapeXml(channel.title)}</title><link>${escapeXml(link)}</link></image>`
      : '',
  ].join('');
  return {
    title: channel.title,
    description: escapeHtml(channel.description),
    site: link,
    items: toFeedItems(entries, origin),
    xmlns: { ...FEED_NAMESPACES },
    customData,
    trailingSlash: true,
  };
}
