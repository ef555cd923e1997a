/**
 * The ONLY module that reads the content collections. It resolves every
 * reference and computes every derived value once per build; pages and
 * components receive finished values.
 *
 * Everything here is limited to VISIBLE articles, as the content pass decided
 * (src/content/edition.ts: published at "now"; everything in the dev
 * server's preview): a draft or scheduled article has no page, no listing,
 * no feed entry, no related or follow-up link anywhere.
 */
import { createHash } from 'node:crypto';
import { entriesOf } from './collections.ts';
import { adjacentEpisodes, episodesInOrder, sortByPublishedDesc } from '../lib/ordering.ts';
import { relatedRanker, type RelatedRanker } from '../lib/related.ts';
import { slugify } from '../lib/slugs.ts';
import { groupArticles, groupByMonth, leadFirst, summarizeSeries, type ArchiveYear, type SeriesSummary } from '../lib/listings.ts';
import { articlePath, authorPath, categoryPath, seriesPath, tagPath } from '../lib/urls.ts';
import type { PictureData } from '../lib/images.ts';
import type { LiveStatus, LiveUpdateInfo } from '../lib/live.ts';
import { articleLabels, type Genre, type Sponsor } from '../lib/labels.ts';
import type { ArticleStatus, StoredAuthor } from '../content/edition.ts';
import { articleBody, type ArticleBody } from '../content/bodies.ts';
import { getPicture } from './images.ts';
import { getChrome } from './chrome.ts';
import { getCodeDigest } from './context.ts';

export interface AuthorView {
  id: string;
  name: string;
  role?: string;
  bio?: string;
  url: string;
  links: { label: string; url: string }[];
  /** Fediverse account, `@name@instance`. */
  fediverse?: string;
  avatar?: PictureData;
}

export interface CategoryView {
  id: string;
  title: string;
  description?: string;
  url: string;
}

export interface SeriesView {
  id: string;
  title: string;
  description: string;
  cadence?: string;
  blurb?: string;
  url: string;
}

export interface TagView {
  label: string;
  slug: string;
  url: string;
}

export interface CoverView {
  key: string;
  picture: PictureData;
  alt: string;
  credit?: string;
  caption?: string;
}

export interface ArticleView {
  slug: string;
  url: string;
  /** Typeset (French spacing) versions of the writer's text. */
  title: string;
  description: string;
  publishedAt: Date;
  updatedAt?: Date;
  /**
   * When the article last changed for readers: the latest of `updatedAt` and
   * the corrections, if any is after `publishedAt` (« Mis à jour le »,
   * `dateModified`, the feeds' updated date).
   */
  modifiedAt?: Date;
  /** Correction notices, oldest first, typeset. */
  corrections: { at: Date; text: string }[];
  /** « À la une »: a candidate for the home page's lead story. */
  une: boolean;
  /** Former slugs: each old URL has a redirect page to this article. */
  aliases: string[];
  /** When the article stops being published (its page tells search engines). */
  expiresAt?: Date;
  authors: AuthorView[];
  category: CategoryView;
  tags: TagView[];
  series?: SeriesView;
  episode?: number;
  cover?: CoverView;
  readingMinutes: number;
  canonical?: string;
  /** Slugs of the (published) articles this one follows up on. */
  revisits: string[];
  /** Slugs its body already recommends with `<ReadAlso>`. */
  readAlso: string[];
  /** Path of the MDX file relative to the content folder. */
  sourceKey: string;
  /** The page needs the YouTube facade's script. */
  hasYoutube: boolean;
  /** Hash of everything the rendered body depends on (src/content/edition.ts). */
  digest: string;
  /**
   * As src/content/edition.ts decided at "now". Always `published` in a
   * build, which shows nothing else; drafts and scheduled articles appear
   * only in the dev server's preview, which marks them.
   */
  status: ArticleStatus;
  /** A live blog: where it stands at the build's now (« En direct », « Direct terminé »). */
  liveStatus?: LiveStatus;
  /** A live blog's coverage, from its front matter. */
  live?: { start: Date; end?: Date };
  /** A live blog's updates, newest first. */
  liveUpdates?: LiveUpdateInfo[];
  /** The kind of work (src/lib/labels.ts); plain news when absent. */
  genre?: Genre;
  /** Sponsored, partner or affiliate content; its name typeset. */
  sponsor?: Sponsor;
  /** The labels readers see above the title, on cards and in feeds (src/lib/labels.ts). */
  labels: string[];
  /** `toc:` of the front matter: the « Sommaire » forced on or off (src/lib/toc.ts). */
  toc?: boolean;
}

export interface Magazine {
  /** Published articles, newest first. */
  articles: ArticleView[];
  bySlug: Map<string, ArticleView>;
  authors: Map<string, AuthorView>;
  categories: Map<string, CategoryView>;
  series: Map<string, SeriesView>;
  tags: Map<string, TagView>;
  /** Scheduled articles (not published yet), soonest first: for the build summary and series pages. */
  scheduled: { slug: string; series?: string; publishedAt: Date }[];
  drafts: number;
}

function toAuthor(data: StoredAuthor): AuthorView {
  return {
    id: data.id,
    name: data.name,
    role: data.role,
    bio: data.bio,
    url: authorPath(data.id),
    links: data.links,
    fediverse: data.fediverse,
    avatar: data.avatarKey ? getPicture(data.avatarKey) : undefined,
  };
}

/** The latest of `dates` that is after `publishedAt`, or undefined. */
export function latestChange(publishedAt: Date, dates: readonly (Date | undefined)[]): Date | undefined {
  let latest: Date | undefined;
  for (const d of dates) if (d && d.getTime() > publishedAt.getTime() && (!latest || d.getTime() > latest.getTime())) latest = d;
  return latest;
}

async function loadMagazine(): Promise<Magazine> {
  const [articleEntries, authorEntries, categoryEntries, seriesEntries] = await Promise.all([
    entriesOf('articles'),
    entriesOf('authors'),
    entriesOf('categories'),
    entriesOf('series'),
  ]);
  const authors = new Map(authorEntries.map((e) => [e.id, toAuthor(e.data)]));
  const categories = new Map(
    categoryEntries.map((e) => {
      const c = e.data;
      return [c.id, { id: c.id, title: c.title, description: c.description, url: categoryPath(c.id) }];
    }),
  );
  const series = new Map(
    seriesEntries.map((e) => {
      const s = e.data;
      return [s.id, { id: s.id, title: s.title, description: s.description, cadence: s.cadence, blurb: s.blurb, url: seriesPath(s.id) }];
    }),
  );
  // Visibility was decided where content entered (src/content/edition.ts):
  // only visible articles have a page, a listing, a feed entry or a link.
  const stored = articleEntries.map((e) => e.data);
  const visible = stored.filter((a) => a.visible);
  const visibleSlugs = new Set(visible.map((a) => a.slug));
  const tags = new Map<string, TagView>();
  const articles = visible.map((a): ArticleView => {
    const { data } = a;
    const articleTags = data.tags.map((label) => {
      const tag = { label, slug: slugify(label), url: tagPath(label) };
      if (!tags.has(tag.slug)) tags.set(tag.slug, tag);
      return tag;
    });
    return {
      slug: a.slug,
      url: articlePath(a.slug),
      title: data.title,
      description: data.description,
      publishedAt: data.publishedAt,
      updatedAt: data.updatedAt,
      modifiedAt: latestChange(data.publishedAt, [data.updatedAt, ...a.corrections.map((c) => c.at)]),
      corrections: a.corrections,
      une: data.une,
      aliases: data.aliases,
      expiresAt: data.expiresAt,
      authors: data.authors.map((id) => authors.get(id)!),
      category: categories.get(data.category)!,
      tags: articleTags,
      series: data.series ? series.get(data.series) : undefined,
      episode: data.episode,
      cover:
        data.cover && a.coverKey
          ? { key: a.coverKey, picture: getPicture(a.coverKey), alt: data.cover.alt, credit: data.cover.credit, caption: data.cover.caption }
          : undefined,
      readingMinutes: a.readingMinutes,
      canonical: data.canonical,
      revisits: data.revisits.filter((slug) => visibleSlugs.has(slug)),
      readAlso: a.readAlso,
      sourceKey: a.sourceKey,
      hasYoutube: a.hasYoutube,
      digest: a.digest,
      status: a.status,
      liveStatus: a.liveStatus,
      live: data.live,
      liveUpdates: a.liveUpdates,
      genre: data.genre,
      sponsor: data.sponsor,
      labels: articleLabels(data),
      toc: data.toc,
    };
  });
  for (const view of articles) articleViews.add(view);
  const sorted = sortByPublishedDesc(articles);
  const scheduled = stored.filter((a) => a.status === 'scheduled' && !a.visible);
  return {
    articles: sorted,
    bySlug: new Map(sorted.map((a) => [a.slug, a])),
    authors,
    categories,
    series,
    tags,
    scheduled: sortByPublishedDesc(scheduled.map((a) => ({ slug: a.slug, series: a.data.series, publishedAt: a.data.publishedAt }))).reverse(),
    drafts: stored.filter((a) => a.status === 'draft' && !a.visible).length,
  };
}

let magazine: Promise<Magazine> | undefined;

/** The published magazine, computed once per build. */
export function getMagazine(): Promise<Magazine> {
  magazine ??= loadMagazine();
  return magazine;
}

/** A visible article's body as the content pass rendered it: HTML for its page and for feed readers. */
export function getArticleBody(slug: string): ArticleBody {
  const body = articleBody(slug);
  if (!body) throw new Error(`No rendered body for the article "${slug}": the content pass of this process did not render it`);
  return body;
}

/** The published episodes of a series, in reading order. */
export async function getSeriesEpisodes(seriesId: string): Promise<ArticleView[]> {
  return episodesInOrder((await getListings()).bySeries.get(seriesId) ?? []);
}

interface RelatableView {
  slug: string;
  publishedAt: Date;
  category: string;
  tags: string[];
  series?: string;
  view: ArticleView;
}
// One stable object per article, so the ranking can cache what it derives from it.
const relatables = new WeakMap<ArticleView, RelatableView>();
function relatable(a: ArticleView): RelatableView {
  let r = relatables.get(a);
  if (!r) {
    r = { slug: a.slug, publishedAt: a.publishedAt, category: a.category.id, tags: a.tags.map((t) => t.slug), series: a.series?.id, view: a };
    relatables.set(a, r);
  }
  return r;
}
// « À lire également », ranked among every published article, indexed once per build.
let ranker: Promise<RelatedRanker<RelatableView>> | undefined;
function getRanker(): Promise<RelatedRanker<RelatableView>> {
  ranker ??= getMagazine().then(({ articles }) => relatedRanker(articles.map(relatable)));
  return ranker;
}

const contexts = new Map<string, ReturnType<typeof computeArticleContext>>();

/** Everything the article page shows around the body, derived once per article. */
export function getArticleContext(article: ArticleView): ReturnType<typeof computeArticleContext> {
  let context = contexts.get(article.slug);
  if (!context) {
    context = computeArticleContext(article);
    contexts.set(article.slug, context);
  }
  return context;
}

// Every ArticleView the magazine made, and the hash of each: a page key
// names a listed article by the hash of its whole view, computed once per
// build, instead of serialising the view again for
// each of the index pages, feeds and neighbours that list it.
const articleViews = new WeakSet<ArticleView>();
const viewDigests = new WeakMap<ArticleView, string>();

function viewDigest(view: ArticleView): string {
  let digest = viewDigests.get(view);
  if (digest === undefined) {
    digest = createHash('sha256').update(JSON.stringify(view)).digest('hex');
    viewDigests.set(view, digest);
  }
  return digest;
}

// What every page shows is the same object for the whole build: hashed once,
// not serialised again into the key of each of thousands of pages.
const chromeDigests = new WeakMap<object, string>();
async function chromeDigest(): Promise<string> {
  const chrome = await getChrome();
  let digest = chromeDigests.get(chrome);
  if (digest === undefined) {
    digest = createHash('sha256').update(JSON.stringify(chrome)).digest('hex');
    chromeDigests.set(chrome, digest);
  }
  return digest;
}

/**
 * The key under which Astro's incremental build may reuse a page (the
 * `cacheKey` of a path in getStaticPaths): a hash of what every page shows
 * (src/data/chrome.ts), of the project's code (getCodeDigest: every page's
 * policy names every inline script and style of the site, which Astro's own
 * check of the page's modules does not see) and of `data`, the very object
 * the page renders from (src/data/routes.ts computes both with one function). An article listed
 * in `data` counts by the hash of its whole view. The route's name comes
 * first, so that two routes never share a key by accident.
 */
export async function pageKey(route: string, data: unknown): Promise<string> {
  const json = JSON.stringify([route, await chromeDigest(), getCodeDigest(), data], (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null) return value;
    if (articleViews.has(value as ArticleView)) return `article:${viewDigest(value as ArticleView)}`;
    // JSON writes a Map or a Set as `{}`: a key blind to its entries.
    if (value instanceof Map || value instanceof Set) throw new TypeError('pageKey: pass arrays or objects, not a Map or a Set');
    return value;
  });
  return createHash('sha256').update(json).digest('hex');
}

async function computeArticleContext(article: ArticleView) {
  const mag = await getMagazine();
  const n = await getListings();
  const episodes = article.series ? episodesInOrder(n.bySeries.get(article.series.id) ?? []) : [];
  const { previous, next } = article.series ? adjacentEpisodes(episodes, article.slug) : {};
  const rank = await getRanker();
  return {
    previousEpisode: previous,
    nextEpisode: next,
    episodeNumber: article.episode ?? (episodes.findIndex((e) => e.slug === article.slug) + 1 || undefined),
    /** Older articles this one follows up on. */
    followsUp: article.revisits.map((slug) => mag.bySlug.get(slug)).filter((a): a is ArticleView => a !== undefined),
    /** Newer published articles that follow up on this one. */
    followedBy: n.followedBy.get(article.slug) ?? [],
    // What the body already recommends (<ReadAlso>) is not offered a second time.
    related: rank(relatable(article), { limit: 4, exclude: article.readAlso }).map((r) => r.view),
  };
}

// ——— Lists of the index pages ———

/** The published articles of each rubrique, tag (by slug) and author, newest first. */
export interface Listings {
  home: { lead: ArticleView | undefined; ordered: ArticleView[] };
  byCategory: Map<string, ArticleView[]>;
  byTag: Map<string, ArticleView[]>;
  byAuthor: Map<string, ArticleView[]>;
  bySeries: Map<string, ArticleView[]>;
  /** Newer articles that follow up on an article, by the slug they revisit. */
  followedBy: Map<string, ArticleView[]>;
  series: SeriesSummary<SeriesView, ArticleView>[];
  /** The archive: years and months (Paris time) that have articles, newest first. */
  archive: ArchiveYear<ArticleView>[];
}

let listings: Promise<Listings> | undefined;

/**
 * Every list of published articles the site shows (index pages, and an
 * article's neighbours), computed once per build: a page then reads its own
 * list instead of scanning the whole archive, which kept the build linear.
 */
export function getListings(): Promise<Listings> {
  listings ??= getMagazine().then(({ articles, series, scheduled }) => ({
    home: leadFirst(articles),
    byCategory: groupArticles(articles, (a) => [a.category.id]),
    byTag: groupArticles(articles, (a) => a.tags.map((t) => t.slug)),
    byAuthor: groupArticles(articles, (a) => a.authors.map((p) => p.id)),
    bySeries: groupArticles(articles, (a) => (a.series ? [a.series.id] : [])),
    followedBy: groupArticles(articles, (a) => a.revisits),
    series: summarizeSeries(series.values(), articles, scheduled),
    archive: groupByMonth(articles, (a) => a.publishedAt),
  }));
  return listings;
}
