/**
 * The single source of every path of the site. Pages, links, feeds, sitemap
 * and structured data all build their URLs here, so a route can change in
 * one place. Page paths end with a slash; file paths (feeds, images) do not.
 */
import { slugify } from './slugs.ts';

function checkPage(page: number): void {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be an integer from 1, got ${page}`);
}

// Ids and slugs are already URL-safe when they come from validated content;
// encoding is a guard so that a bad id can only give a wrong URL, not a
// broken page.
function segment(id: string): string {
  if (id === '') throw new RangeError('an empty id cannot make a URL');
  return encodeURIComponent(id);
}

// Page 1 of a list is the list's own URL: no /page/1/ duplicate.
function paged(base: string, page: number): string {
  checkPage(page);
  return page === 1 ? base : `${base}page/${page}/`;
}

/** Home: `/`, then `/page/2/`, `/page/3/`… */
export function homePath(page = 1): string {
  return paged('/', page);
}

/** An article: `/articles/<slug>/`. */
export function articlePath(slug: string): string {
  return `/articles/${segment(slug)}/`;
}

/** The list of all series: `/series/`. */
export function seriesIndexPath(): string {
  return '/series/';
}

/** One series, its episodes in order: `/series/<id>/`. */
export function seriesPath(id: string): string {
  return `/series/${segment(id)}/`;
}

/** A category (« rubrique »): `/rubriques/<id>/`, then `…/page/N/`. */
export function categoryPath(id: string, page = 1): string {
  return paged(`/rubriques/${segment(id)}/`, page);
}

/**
 * A tag, from its label as written in front matter: `/tags/<slug>/`, then
 * `…/page/N/`. Labels that slugify alike (`OpenStack`, `openstack`) share
 * one page. Throws for a label with no letter or digit.
 */
export function tagPath(tagLabel: string, page = 1): string {
  const slug = slugify(tagLabel);
  if (slug === '') throw new RangeError(`the tag "${tagLabel}" has no letter or digit to make its URL`);
  return paged(`/tags/${slug}/`, page);
}

/** An author: `/auteurs/<id>/`, then `…/page/N/`. */
export function authorPath(id: string, page = 1): string {
  return paged(`/auteurs/${segment(id)}/`, page);
}

/** The search page: `/recherche/`. */
export function searchPath(): string {
  return '/recherche/';
}

/**
 * The three formats every feed is written in, side by side: RSS 2.0, Atom 1.0
 * and JSON Feed 1.1, with the file name each one takes.
 */
export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;
export type FeedFormat = keyof typeof FEED_FILES;

/** The main feed: `/rss.xml` (`/atom.xml`, `/feed.json`). */
export function mainFeedPath(format: FeedFormat = 'rss'): string {
  return `/${FEED_FILES[format]}`;
}

/** The feed of one series: `/series/<id>/rss.xml` (`atom.xml`, `feed.json`). */
export function seriesFeedPath(id: string, format: FeedFormat = 'rss'): string {
  return `${seriesPath(id)}${FEED_FILES[format]}`;
}

/** The feed of one category: `/rubriques/<id>/rss.xml` (`atom.xml`, `feed.json`). */
export function categoryFeedPath(id: string, format: FeedFormat = 'rss'): string {
  return `${categoryPath(id)}${FEED_FILES[format]}`;
}

/** Where one feed is, in each format. */
export type FeedPaths = Record<FeedFormat, string>;

function feedPaths(pathOf: (format: FeedFormat) => string): FeedPaths {
  return { rss: pathOf('rss'), atom: pathOf('atom'), json: pathOf('json') };
}

/** The main feed in each format. */
export function mainFeedPaths(): FeedPaths {
  return feedPaths((f) => mainFeedPath(f));
}

/** The feed of one series in each format. */
export function seriesFeedPaths(id: string): FeedPaths {
  return feedPaths((f) => seriesFeedPath(id, f));
}

/** The feed of one category in each format. */
export function categoryFeedPaths(id: string): FeedPaths {
  return feedPaths((f) => categoryFeedPath(id, f));
}

/** The XSL stylesheet that shows an RSS or Atom feed to a browser as a page: `/feed.xsl`. */
export function feedStylesheetPath(): string {
  return '/feed.xsl';
}

/** The CSS of that page (a file, so the Content-Security-Policy's `style-src 'self'` allows it): `/feed.css`. */
export function feedCssPath(): string {
  return '/feed.css';
}

/** A processed image file: `/_images/<fileName>`. */
export function imagePath(fileName: string): string {
  return `/_images/${fileName.replace(/^\/+/, '')}`;
}

/** A non-image media file copied as is (a video): `/_media/<fileName>`. */
export function mediaPath(fileName: string): string {
  return `/_media/${fileName.replace(/^\/+/, '')}`;
}

/**
 * An absolute URL for `path` on the site at `siteOrigin` (with or without a
 * trailing slash). An already absolute URL (`https://…`, `mailto:…`) is
 * returned unchanged; a protocol-relative one (`//…`) takes the site's scheme.
 */
export function absoluteUrl(path: string, siteOrigin: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  // URL.canParse is not enough: "localhost:4321" parses, as a URL of the
  // "localhost:" scheme whose origin is the string "null".
  const origin = URL.canParse(siteOrigin) ? new URL(siteOrigin).origin : 'null';
  if (origin === 'null') {
    throw new TypeError(`the site origin "${siteOrigin}" is not an absolute URL (expected e.g. https://magazine.example)`);
  }
  return new URL(path, origin).href;
}
