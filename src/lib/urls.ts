/**
 * The single source of every path of the site. Pages, links, feeds, sitemap
 * and structured data all build their URLs here, so a route can change in
 * one place. Page paths end with a slash; file paths (feeds, images) do not.
 *
 * A magazine may be hosted under a path (`SITE_URL=https://example.org/magazine/`):
 * every path then starts with that base (`/magazine/articles/x/`). The base is
 * derived from the site URL by {@link basePathOf}; astro.config.ts gives it to
 * Astro as `base` (for Astro's own bundles) and to every module Astro bundles
 * as the constant `__ROTATIVE_BASE__`, which the exported helpers below are
 * bound to.
 * {@link urlsFor} makes the same helpers for any base (tests, and code that
 * runs outside Astro's bundle, like the content pass).
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

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A base path in the one form the helpers use: a leading and a trailing
 * slash, `/` for a site at the root of its host (`magazine`, `/magazine` and
 * `/magazine/` all give `/magazine/`).
 */
export function normalizeBase(base: string): string {
  const inner = base.split('/').filter(Boolean).join('/');
  return inner ? `/${inner}/` : '/';
}

/**
 * The base path of a site from its public URL: `https://example.org/magazine`
 * and `https://example.org/magazine/` give `/magazine/`; a URL without a path,
 * or no URL at all, gives `/`.
 */
export function basePathOf(siteUrl: string | undefined): string {
  if (!siteUrl || !URL.canParse(siteUrl)) return '/';
  return normalizeBase(new URL(siteUrl).pathname);
}

/**
 * The three formats every feed is written in, side by side: RSS 2.0, Atom 1.0
 * and JSON Feed 1.1, with the file name each one takes.
 */
export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;
export type FeedFormat = keyof typeof FEED_FILES;

/** Where one feed is, in each format. */
export type FeedPaths = Record<FeedFormat, string>;

/** Every URL helper of the site, for one base path. */
/** The folder of the site that holds every processed image (covers, figures, share cards). */
export const IMAGES_FOLDER = '_images';

export interface SiteUrls {
  /** The base path itself: `/`, or `/magazine/` for a site hosted under a path. */
  readonly base: string;
  /** Home: `/`, then `/page/2/`, `/page/3/`… */
  homePath(page?: number): string;
  /** An article: `/articles/<slug>/`. */
  articlePath(slug: string): string;
  /** The list of all series: `/series/`. */
  seriesIndexPath(): string;
  /** One series, its episodes in order: `/series/<id>/`. */
  seriesPath(id: string): string;
  /** A category (« rubrique »): `/rubriques/<id>/`, then `…/page/N/`. */
  categoryPath(id: string, page?: number): string;
  /**
   * A tag, from its label as written in front matter: `/tags/<slug>/`, then
   * `…/page/N/`. Labels that slugify alike (`OpenStack`, `openstack`) share
   * one page. Throws for a label with no letter or digit.
   */
  tagPath(tagLabel: string, page?: number): string;
  /** An author: `/auteurs/<id>/`, then `…/page/N/`. */
  authorPath(id: string, page?: number): string;
  /** The list of every rubrique: `/rubriques/`. */
  categoriesIndexPath(): string;
  /** The list of every tag: `/tags/`. */
  tagsIndexPath(): string;
  /** The list of every author: `/auteurs/`. */
  authorsIndexPath(): string;
  /**
   * The newest articles, the entry of the archive: `/articles/` (article
   * pages live under it, so the folder itself answers too).
   */
  articlesIndexPath(): string;
  /**
   * The archive by date. No argument: the list of years and months,
   * `/archives/`. A year: `/archives/2016/`, then `…/page/N/`. A year and a
   * month (1 to 12): `/archives/2016/05/`, then `…/page/N/`. Years and months
   * are those of Paris time, as readers see the dates.
   */
  archivePath(year?: number, month?: number, page?: number): string;
  /** The publisher's legal page (« Mentions légales »): `/mentions-legales/`. */
  legalPath(): string;
  /** The accessibility statement (« Déclaration d’accessibilité »): `/accessibilite/`. */
  accessibilityPath(): string;
  /** Every correction notice of the published articles: `/corrections/`. */
  correctionsPath(): string;
  /** A page of the magazine (content/pages/<slug>.mdx, « À propos »): `/<slug>/`. */
  pagePath(slug: string): string;
  /** The search page: `/recherche/`. */
  searchPath(): string;
  /** Pagefind's browser bundle of one search index, written by the search phase: `/pagefind/<group>/pagefind.js`. */
  searchBundlePath(group: string): string;
  /** The folder of one search index (one per year: src/lib/search-groups.ts): `/pagefind/<group>/`. */
  searchIndexPath(group: string): string;
  /** The page static hosts answer unknown paths with: `/404.html`. */
  notFoundPath(): string;
  /** The main feed: `/rss.xml`. */
  mainFeedPath(format?: FeedFormat): string;
  /** The feed of one series: `/series/<id>/rss.xml`. */
  seriesFeedPath(id: string, format?: FeedFormat): string;
  /** The feed of one category: `/rubriques/<id>/rss.xml`. */
  categoryFeedPath(id: string, format?: FeedFormat): string;
  /** The main feed in each format. */
  mainFeedPaths(): FeedPaths;
  /** The feed of one author in each format: `/auteurs/<id>/rss.xml`… */
  authorFeedPaths(id: string): FeedPaths;
  /** The feed of one tag in each format: `/tags/<slug>/rss.xml`… */
  tagFeedPaths(tagLabel: string): FeedPaths;
  /** The feed of one series in each format. */
  seriesFeedPaths(id: string): FeedPaths;
  /** The feed of one category in each format. */
  categoryFeedPaths(id: string): FeedPaths;
  /** The CSS that shows an RSS or Atom feed to a browser as a page (a file, so the Content-Security-Policy's `style-src 'self'` allows it): `/feed.css`. */
  feedCssPath(): string;
  /** The « S'abonner » page, which lists every feed in each format: `/sabonner/`. */
  subscribePath(): string;
  /** The archive of the weekly editions, newest first: `/edition/`. */
  editionsIndexPath(): string;
  /** One weekly edition, by its ISO week (src/lib/editions.ts): `/edition/2026-S48/`. */
  editionPath(id: string): string;
  /** The e-mail-ready HTML of one edition: `/edition/2026-S48/email.html`. */
  editionEmailPath(id: string): string;
  /** The feed of the weekly editions, one item per finished week: `/edition/rss.xml`. */
  editionFeedPath(format?: FeedFormat): string;
  /** The feed of the weekly editions in each format. */
  editionFeedPaths(): FeedPaths;
  /** The index of the sitemaps (@astrojs/sitemap): `/sitemap-index.xml`. */
  sitemapIndexPath(): string;
  /** The Google News sitemap: `/news-sitemap.xml`. */
  newsSitemapPath(): string;
  /** A processed image file: `/_images/<fileName>`. */
  imagePath(fileName: string): string;
  /** A non-image media file copied as is (a video): `/_media/<fileName>`. */
  mediaPath(fileName: string): string;
  /**
   * A root path as a writer types it in an article (`/articles/x/`), or any
   * root path of the site, under the base: `/magazine/articles/x/`. A path
   * already under the base, a relative URL (`#note`, `photo.jpg`) and a URL
   * with a scheme or a host (`https://…`, `mailto:…`, `//cdn…`) are returned
   * unchanged, so it can be applied twice.
   */
  sitePath(href: string): string;
  /**
   * An absolute URL for `path` on the site at `siteOrigin` (with or without a
   * trailing slash; a path on it is ignored, the base is in `path` already).
   * A root path (`/magazine/x/`, from the helpers above) joins the origin; a
   * relative one (`rss.xml`) resolves against the base. An already absolute
   * URL (`https://…`, `mailto:…`) is returned unchanged; a protocol-relative
   * one (`//…`) takes the site's scheme.
   */
  absoluteUrl(path: string, siteOrigin: string): string;
}

function feedPaths(pathOf: (format: FeedFormat) => string): FeedPaths {
  return { rss: pathOf('rss'), atom: pathOf('atom'), json: pathOf('json') };
}

/** The URL helpers of a site whose pages live under `base` (`/` or `/magazine/`). */
export function urlsFor(base: string): SiteUrls {
  const root = normalizeBase(base);
  // Every path below is written as from the root of the host (`/articles/…`)
  // and put under the base here, once.
  const at = (rootPath: string) => `${root}${rootPath.replace(/^\/+/, '')}`;
  // Page 1 of a list is the list's own URL: no /page/1/ duplicate.
  const paged = (list: string, page: number) => {
    checkPage(page);
    return page === 1 ? list : `${list}page/${page}/`;
  };
  const seriesPath = (id: string) => at(`/series/${segment(id)}/`);
  const categoryPath = (id: string, page = 1) => paged(at(`/rubriques/${segment(id)}/`), page);
  const authorPath = (id: string, page = 1) => paged(at(`/auteurs/${segment(id)}/`), page);
  const tagPath = (tagLabel: string, page = 1) => {
    const slug = slugify(tagLabel);
    if (slug === '') throw new RangeError(`the tag "${tagLabel}" has no letter or digit to make its URL`);
    return paged(at(`/tags/${slug}/`), page);
  };
  /** A subject's feed files sit in its page's folder: `/rubriques/cloud/rss.xml`. */
  const feedsIn = (pagePath: string) => feedPaths((f) => `${pagePath}${FEED_FILES[f]}`);
  return {
    base: root,
    homePath: (page = 1) => paged(root, page),
    articlePath: (slug) => at(`/articles/${segment(slug)}/`),
    seriesIndexPath: () => at('/series/'),
    seriesPath,
    categoryPath,
    tagPath,
    authorPath,
    categoriesIndexPath: () => at('/rubriques/'),
    tagsIndexPath: () => at('/tags/'),
    authorsIndexPath: () => at('/auteurs/'),
    articlesIndexPath: () => at('/articles/'),
    archivePath(year, month, page = 1) {
      if (year === undefined) {
        if (month !== undefined || page !== 1) throw new RangeError('a month or a page of the archive needs its year');
        return at('/archives/');
      }
      if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`the year must have four digits, got ${year}`);
      if (month === undefined) return paged(at(`/archives/${year}/`), page);
      if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`the month must be 1 to 12, got ${month}`);
      return paged(at(`/archives/${year}/${String(month).padStart(2, '0')}/`), page);
    },
    legalPath: () => at('/mentions-legales/'),
    accessibilityPath: () => at('/accessibilite/'),
    correctionsPath: () => at('/corrections/'),
    pagePath: (slug) => at(`/${segment(slug)}/`),
    searchPath: () => at('/recherche/'),
    searchBundlePath: (group) => at(`/pagefind/${segment(group)}/pagefind.js`),
    searchIndexPath: (group) => at(`/pagefind/${segment(group)}/`),
    notFoundPath: () => at('/404.html'),
    mainFeedPath: (format = 'rss') => at(`/${FEED_FILES[format]}`),
    seriesFeedPath: (id, format = 'rss') => `${seriesPath(id)}${FEED_FILES[format]}`,
    categoryFeedPath: (id, format = 'rss') => `${categoryPath(id)}${FEED_FILES[format]}`,
    mainFeedPaths: () => feedPaths((f) => at(`/${FEED_FILES[f]}`)),
    seriesFeedPaths: (id) => feedsIn(seriesPath(id)),
    categoryFeedPaths: (id) => feedsIn(categoryPath(id)),
    authorFeedPaths: (id) => feedsIn(authorPath(id)),
    tagFeedPaths: (tagLabel) => feedsIn(tagPath(tagLabel)),
    feedCssPath: () => at('/feed.css'),
    subscribePath: () => at('/sabonner/'),
    editionsIndexPath: () => at('/edition/'),
    editionPath: (id) => at(`/edition/${segment(id)}/`),
    editionEmailPath: (id) => at(`/edition/${segment(id)}/email.html`),
    editionFeedPath: (format = 'rss') => at(`/edition/${FEED_FILES[format]}`),
    editionFeedPaths: () => feedPaths((f) => at(`/edition/${FEED_FILES[f]}`)),
    sitemapIndexPath: () => at('/sitemap-index.xml'),
    newsSitemapPath: () => at('/news-sitemap.xml'),
    imagePath: (fileName) => at(`/${IMAGES_FOLDER}/${fileName.replace(/^\/+/, '')}`),
    mediaPath: (fileName) => at(`/_media/${fileName.replace(/^\/+/, '')}`),
    sitePath(href) {
      if (!href.startsWith('/') || href.startsWith('//')) return href;
      if (href.startsWith(root) || `${href}/` === root) return href;
      return at(href);
    },
    absoluteUrl(path, siteOrigin) {
      if (HAS_SCHEME.test(path)) return path;
      // URL.canParse is not enough: "localhost:4321" parses, as a URL of the
      // "localhost:" scheme whose origin is the string "null".
      const origin = URL.canParse(siteOrigin) ? new URL(siteOrigin).origin : 'null';
      if (origin === 'null') {
        throw new TypeError(`the site origin "${siteOrigin}" is not an absolute URL (expected e.g. https://magazine.example)`);
      }
      return new URL(path, `${origin}${root}`).href;
    },
  };
}

/**
 * The first path segments the site's own routes and files use, read from
 * the helpers above (a route added there reserves its segment here): a page
 * of content/pages/ named like one of them would take its URL
 * (`pages/archives.mdx` over the archive).
 */
export function reservedSegments(): string[] {
  const u = urlsFor('/');
  const paths = [
    u.homePath(2), u.articlesIndexPath(), u.archivePath(), u.authorsIndexPath(), u.categoriesIndexPath(), u.tagsIndexPath(),
    u.seriesIndexPath(), u.searchPath(), u.searchIndexPath('x'), u.legalPath(), u.accessibilityPath(), u.correctionsPath(), u.subscribePath(),
    u.editionsIndexPath(), u.notFoundPath(), u.imagePath('x'), u.mediaPath('x'),
  ];
  return [...new Set(paths.map((p) => p.split('/')[1]!.replace(/\.html$/, '')))];
}

/**
 * The base path, replaced by Vite (astro.config.ts, `vite.define`) in every
 * module Astro bundles: pages, components, the data layer, content loaders.
 * Not `import.meta.env.BASE_URL`: Astro lets an environment variable of the
 * same name override that one, and `BASE_URL` is set by many tools (vitest
 * sets it to `/` for the processes it starts). Outside a bundle (plain Node,
 * unit tests) it is not defined and the site is taken to live at the root.
 */
declare const __ROTATIVE_BASE__: string | undefined;
const configured = urlsFor(typeof __ROTATIVE_BASE__ === 'string' ? __ROTATIVE_BASE__ : '/');

export const {
  homePath,
  articlePath,
  seriesIndexPath,
  seriesPath,
  categoryPath,
  tagPath,
  authorPath,
  categoriesIndexPath,
  tagsIndexPath,
  authorsIndexPath,
  articlesIndexPath,
  archivePath,
  legalPath,
  accessibilityPath,
  correctionsPath,
  pagePath,
  searchPath,
  searchBundlePath,
  searchIndexPath,
  notFoundPath,
  mainFeedPath,
  seriesFeedPath,
  categoryFeedPath,
  mainFeedPaths,
  seriesFeedPaths,
  categoryFeedPaths,
  authorFeedPaths,
  tagFeedPaths,
  feedCssPath,
  subscribePath,
  editionsIndexPath,
  editionPath,
  editionEmailPath,
  editionFeedPath,
  editionFeedPaths,
  sitemapIndexPath,
  newsSitemapPath,
  imagePath,
  mediaPath,
  sitePath,
  absoluteUrl,
}: Omit<SiteUrls, 'base'> = configured;

/**
 * The web address a link leads to when it leaves the page's own paths: an
 * absolute http(s) URL, or a protocol-relative one (`//host/…`, or
 * `\\host/…`, which browsers read the same), taken as https. Undefined for a path
 * of the site, an anchor, a mail or telephone link, or what does not parse.
 */
export function webUrlOf(href: string): URL | undefined {
  const text = href.trim();
  if (!/^(https?:)?[/\\]{2}/i.test(text)) return undefined;
  const url = URL.parse(text, 'https://protocol-relative.invalid/');
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : undefined;
}
