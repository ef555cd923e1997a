/**
 * The ONLY module that reads the content collections. It resolves every
 * reference and computes every derived value once per build; pages and
 * components receive finished values.
 *
 * Everything here is limited to PUBLISHED articles (one `isPublished`, one
 * `now`): a draft or scheduled article has no page, no listing, no feed entry,
 * no related or follow-up link anywhere.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import path from 'node:path';
import { partitionByStatus } from '../lib/publishing.ts';
import { adjacentEpisodes, episodesInOrder, sortByPublishedDesc } from '../lib/ordering.ts';
import { readingMinutes, stripMdx } from '../lib/reading-time.ts';
import { relatedArticles } from '../lib/related.ts';
import { slugify } from '../lib/slugs.ts';
import { pageCount, type Page } from '../lib/pagination.ts';
import { frenchTypography } from '../lib/typography.ts';
import { articlePath, authorPath, categoryPath, seriesPath, tagPath } from '../lib/urls.ts';
import type { PictureData } from '../lib/images.ts';
import { contentKey, environment } from './context.ts';
import { getPicture } from './images.ts';

export interface AuthorView {
  id: string;
  name: string;
  role?: string;
  bio?: string;
  url: string;
  links: { label: string; url: string }[];
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
  /** Path of the MDX file relative to the content folder. */
  sourceKey: string;
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

const typeset = <T extends string | undefined>(text: T): T => (text === undefined ? text : (frenchTypography(text) as T));

function toAuthor(entry: CollectionEntry<'authors'>): AuthorView {
  const { data } = entry;
  const avatarKey = data.avatar && entry.filePath ? contentKey(path.resolve(path.dirname(path.resolve(entry.filePath)), data.avatar)) : undefined;
  return {
    id: entry.id,
    name: data.name,
    role: typeset(data.role),
    bio: typeset(data.bio),
    url: authorPath(entry.id),
    links: data.links,
    avatar: avatarKey ? getPicture(avatarKey) : undefined,
  };
}

async function loadMagazine(): Promise<Magazine> {
  const [articleEntries, authorEntries, categoryEntries, seriesEntries] = await Promise.all([
    getCollection('articles'),
    getCollection('authors'),
    getCollection('categories'),
    getCollection('series'),
  ]);
  const authors = new Map(authorEntries.map((e) => [e.id, toAuthor(e)]));
  const categories = new Map(
    categoryEntries.map((e) => [e.id, { id: e.id, title: typeset(e.data.title), description: typeset(e.data.description), url: categoryPath(e.id) }]),
  );
  const series = new Map(
    seriesEntries.map((e) => [
      e.id,
      { id: e.id, title: typeset(e.data.title), description: typeset(e.data.description), cadence: e.data.cadence, blurb: typeset(e.data.blurb), url: seriesPath(e.id) },
    ]),
  );
  // In `npm run dev` (preview), writers see their drafts and scheduled pieces.
  const status = partitionByStatus(
    articleEntries.map((e) => ({ ...e.data, entry: e, draft: e.data.draft && !environment.preview })),
    { now: environment.preview ? new Date(8.64e15) : environment.now },
  );
  const publishedSlugs = new Set(status.published.map((a) => a.entry.id));
  const tags = new Map<string, TagView>();
  const articles = status.published.map(({ entry }): ArticleView => {
    const { data } = entry;
    const file = path.resolve(entry.filePath ?? '');
    const coverKey = data.cover ? contentKey(path.resolve(path.dirname(file), data.cover.src)) : undefined;
    const articleTags = data.tags.map((label) => {
      const tag = { label, slug: slugify(label), url: tagPath(label) };
      if (!tags.has(tag.slug)) tags.set(tag.slug, tag);
      return tag;
    });
    return {
      slug: entry.id,
      url: articlePath(entry.id),
      title: typeset(data.title),
      description: typeset(data.description),
      publishedAt: data.publishedAt,
      updatedAt: data.updatedAt,
      authors: data.authors.map((id) => authors.get(id)!),
      category: categories.get(data.category)!,
      tags: articleTags,
      series: data.series ? series.get(data.series) : undefined,
      episode: data.episode,
      cover:
        data.cover && coverKey
          ? { key: coverKey, picture: getPicture(coverKey), alt: data.cover.alt, credit: typeset(data.cover.credit), caption: typeset(data.cover.caption) }
          : undefined,
      readingMinutes: readingMinutes(stripMdx(entry.body ?? '')),
      canonical: data.canonical,
      revisits: data.revisits.filter((slug) => publishedSlugs.has(slug)),
      sourceKey: contentKey(file),
    };
  });
  const sorted = sortByPublishedDesc(articles);
  return {
    articles: sorted,
    bySlug: new Map(sorted.map((a) => [a.slug, a])),
    authors,
    categories,
    series,
    tags,
    scheduled: sortByPublishedDesc(status.scheduled.map((a) => ({ slug: a.entry.id, series: a.series, publishedAt: a.publishedAt }))).reverse(),
    drafts: status.drafts.length,
  };
}

let magazine: Promise<Magazine> | undefined;

/** The published magazine, computed once per build. */
export function getMagazine(): Promise<Magazine> {
  magazine ??= loadMagazine();
  return magazine;
}

/** A published article by slug, or undefined (unpublished or unknown). */
export async function getArticle(slug: string): Promise<ArticleView | undefined> {
  return (await getMagazine()).bySlug.get(slug);
}

/** The published episodes of a series, in reading order. */
export async function getSeriesEpisodes(seriesId: string): Promise<ArticleView[]> {
  const { articles } = await getMagazine();
  return episodesInOrder(articles.filter((a) => a.series?.id === seriesId));
}

interface Neighbourhoods {
  bySeries: Map<string, ArticleView[]>;
  byTag: Map<string, ArticleView[]>;
  byCategory: Map<string, ArticleView[]>;
  followedBy: Map<string, ArticleView[]>;
}

let neighbourhoods: Promise<Neighbourhoods> | undefined;

/**
 * Indexes of the published articles by series, tag, rubrique and follow-up,
 * built once: every article page then looks at its neighbours only, instead
 * of scanning the whole archive (which made the build quadratic).
 */
function getNeighbourhoods(): Promise<Neighbourhoods> {
  neighbourhoods ??= getMagazine().then(({ articles }) => {
    const add = (map: Map<string, ArticleView[]>, key: string, a: ArticleView) => {
      const list = map.get(key);
      if (list) list.push(a);
      else map.set(key, [a]);
    };
    const n: Neighbourhoods = { bySeries: new Map(), byTag: new Map(), byCategory: new Map(), followedBy: new Map() };
    // `articles` is newest first, so every list is too.
    for (const a of articles) {
      if (a.series) add(n.bySeries, a.series.id, a);
      for (const t of a.tags) add(n.byTag, t.slug, a);
      add(n.byCategory, a.category.id, a);
      for (const slug of a.revisits) add(n.followedBy, slug, a);
    }
    return n;
  });
  return neighbourhoods;
}

const relatable = (a: ArticleView) => ({ slug: a.slug, publishedAt: a.publishedAt, category: a.category.id, tags: a.tags.map((t) => t.slug), series: a.series?.id, view: a });

/** Everything the article page shows around the body, derived once per article. */
export async function getArticleContext(article: ArticleView) {
  const mag = await getMagazine();
  const n = await getNeighbourhoods();
  const episodes = article.series ? episodesInOrder(n.bySeries.get(article.series.id) ?? []) : [];
  const { previous, next } = article.series ? adjacentEpisodes(episodes, article.slug) : {};
  const limit = 4;
  // Candidates for « À lire également »: the series, every article sharing a
  // tag, and the newest of the rubrique (lists are newest first, so an older
  // rubrique-only article can never outrank these).
  const candidates = new Set<ArticleView>(episodes);
  for (const t of article.tags) for (const a of n.byTag.get(t.slug) ?? []) candidates.add(a);
  for (const a of (n.byCategory.get(article.category.id) ?? []).slice(0, limit + 1)) candidates.add(a);
  return {
    previousEpisode: previous,
    nextEpisode: next,
    episodeNumber: article.episode ?? (episodes.findIndex((e) => e.slug === article.slug) + 1 || undefined),
    /** Older articles this one follows up on. */
    followsUp: article.revisits.map((slug) => mag.bySlug.get(slug)).filter((a): a is ArticleView => a !== undefined),
    /** Newer published articles that follow up on this one. */
    followedBy: n.followedBy.get(article.slug) ?? [],
    related: relatedArticles(relatable(article), [...candidates].map(relatable), { limit }).map((r) => r.view),
  };
}

// ——— Index pages: home, rubriques, tags, authors, series ———
// The pure helpers below take their data as arguments (unit-tested in
// tests/unit/articles-indexes.test.ts); the `get…` ones apply them to the
// published magazine once per build, so that hundreds of index pages do not
// each re-scan thousands of articles.

/** Articles per page on every paginated index (home, rubriques, tags, authors). */
export const ARTICLES_PER_PAGE = 20;

/**
 * The home page's order: the lead story (the newest article with a cover)
 * first, then every other article newest first. Without any cover there is
 * no lead and the order is unchanged. `articles` must be newest first.
 */
export function leadFirst<T extends { cover?: unknown }>(
  articles: readonly T[],
): { lead: (T & { cover: NonNullable<T['cover']> }) | undefined; ordered: T[] } {
  const index = articles.findIndex((a) => a.cover !== undefined);
  if (index < 0) return { lead: undefined, ordered: [...articles] };
  const lead = articles[index] as T & { cover: NonNullable<T['cover']> };
  return { lead, ordered: [lead, ...articles.slice(0, index), ...articles.slice(index + 1)] };
}

/**
 * Page `number` of `items`, `perPage` per page, built alone (`paginate`
 * builds every page). Page 1 of an empty list exists and is empty; a page
 * beyond the last throws, as a route for it should never have been made.
 */
export function pageAt<T>(items: readonly T[], perPage: number, number: number): Page<T> {
  const totalPages = pageCount(items.length, perPage);
  if (!Number.isInteger(number) || number < 1 || number > totalPages) {
    throw new RangeError(`page ${number} does not exist: the list has ${totalPages} page(s)`);
  }
  const firstIndex = (number - 1) * perPage;
  return {
    number,
    items: items.slice(firstIndex, firstIndex + perPage),
    totalPages,
    totalItems: items.length,
    firstIndex,
    previous: number > 1 ? number - 1 : undefined,
    next: number < totalPages ? number + 1 : undefined,
  };
}

/**
 * The page numbers that get a `…/page/N/` route for a list of `count` items:
 * 2 to the last page. Page 1 is the list's own URL, so an empty or short list
 * has none.
 */
export function laterPageNumbers(count: number, perPage = ARTICLES_PER_PAGE): number[] {
  return Array.from({ length: pageCount(count, perPage) - 1 }, (_, i) => i + 2);
}

/**
 * The numbers of every page of a list of `count` items: 1 to the last (at
 * least page 1, which exists even for an empty list).
 */
export function pageNumbers(count: number, perPage = ARTICLES_PER_PAGE): number[] {
  return Array.from({ length: pageCount(count, perPage) }, (_, i) => i + 1);
}

/**
 * The rest parameter (`[...page]`) of page `n` of a rubrique, tag or author
 * index: none for page 1 (the index's own URL), `page/N` after, as in urls.ts.
 */
export function pageParam(n: number): string | undefined {
  return n === 1 ? undefined : `page/${n}`;
}

/** The page number a `[...page]` parameter stands for (see {@link pageParam}). */
export function pageFromParam(param: string | undefined): number {
  if (param === undefined || param === '') return 1;
  const match = /^page\/([1-9][0-9]*)$/.exec(param);
  if (!match || match[1] === '1') throw new RangeError(`"${param}" is not a page parameter (expected page/N, N from 2)`);
  return Number(match[1]);
}

/** One entry of a pagination bar: a page link, or a gap (« … ») standing for skipped pages. */
export type PaginationItem = { number: number; url: string; current: boolean } | { gap: true };

/** The finished pagination bar of a page, as the Pagination component shows it. */
export interface PaginationNav {
  previous?: string;
  next?: string;
  items: PaginationItem[];
}

/**
 * The pagination bar of page `current` of `totalPages`, or undefined when the
 * list fits on one page. It links the first and last pages and `radius` pages
 * each side of the current one; longer runs of skipped pages become one gap
 * (a single skipped page is shown rather than hidden behind « … »), so the bar
 * stays short on an archive of hundreds of pages.
 */
export function paginationNav(current: number, totalPages: number, pathOf: (page: number) => string, radius = 2): PaginationNav | undefined {
  if (totalPages <= 1) return undefined;
  const shown = new Set([1, totalPages]);
  for (let n = Math.max(1, current - radius); n <= Math.min(totalPages, current + radius); n++) shown.add(n);
  const numbers = [...shown].sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  numbers.forEach((n, i) => {
    const before = numbers[i - 1];
    if (before !== undefined && n - before === 2) items.push({ number: n - 1, url: pathOf(n - 1), current: false });
    else if (before !== undefined && n - before > 2) items.push({ gap: true });
    items.push({ number: n, url: pathOf(n), current: n === current });
  });
  const nav: PaginationNav = { items };
  if (current > 1) nav.previous = pathOf(current - 1);
  if (current < totalPages) nav.next = pathOf(current + 1);
  return nav;
}

/**
 * Groups `articles` under each key `keysOf` gives (a rubrique, tag slugs,
 * author ids), keeping their order within each group. An article is listed
 * once per key even if it gives the same key twice (two tag labels that
 * slugify alike).
 */
export function groupArticles<T>(articles: readonly T[], keysOf: (article: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const article of articles) {
    for (const key of new Set(keysOf(article))) {
      const group = groups.get(key);
      if (group) group.push(article);
      else groups.set(key, [article]);
    }
  }
  return groups;
}

/** The episodes of a series in reading order, each with the number the reader sees (« Épisode N »). */
export function numberEpisodes<T extends { slug: string; publishedAt: Date; episode?: number | undefined }>(
  episodes: readonly T[],
): { article: T; number: number }[] {
  // Same rule as the article page: the writer's number, else the position.
  return episodesInOrder(episodes).map((article, i) => ({ article, number: article.episode ?? i + 1 }));
}

/** A series as index pages show it. */
export interface SeriesSummary<S = SeriesView, A = ArticleView> {
  series: S;
  /** Published episodes. */
  episodeCount: number;
  /** The newest published episode. */
  latest?: A;
  /** Date of the soonest scheduled episode: only its date may be shown, never its title or slug. */
  nextEpisodeAt?: Date;
}

/**
 * Every series with its published episode count, newest episode and next
 * scheduled date; the most recently published series first, then the ones
 * with no episode yet by id. `articles` are the published ones, newest first;
 * `scheduled` the scheduled ones, soonest first (as in {@link Magazine}).
 */
export function summarizeSeries<S extends { id: string }, A extends { series?: { id: string } | undefined; publishedAt: Date }>(
  series: Iterable<S>,
  articles: readonly A[],
  scheduled: readonly { series?: string | undefined; publishedAt: Date }[],
): SeriesSummary<S, A>[] {
  const episodes = groupArticles(articles, (a) => (a.series ? [a.series.id] : []));
  const summaries = [...series].map((s) => {
    const list = episodes.get(s.id) ?? [];
    const summary: SeriesSummary<S, A> = { series: s, episodeCount: list.length };
    if (list[0]) summary.latest = list[0];
    const next = scheduled.find((a) => a.series === s.id);
    if (next) summary.nextEpisodeAt = next.publishedAt;
    return summary;
  });
  return summaries.sort(
    (a, b) =>
      (b.latest?.publishedAt.getTime() ?? -Infinity) - (a.latest?.publishedAt.getTime() ?? -Infinity) ||
      (a.series.id < b.series.id ? -1 : a.series.id > b.series.id ? 1 : 0),
  );
}

/** The published articles of each rubrique, tag (by slug) and author, newest first. */
export interface Listings {
  home: { lead: (ArticleView & { cover: CoverView }) | undefined; ordered: ArticleView[] };
  byCategory: Map<string, ArticleView[]>;
  byTag: Map<string, ArticleView[]>;
  byAuthor: Map<string, ArticleView[]>;
  series: SeriesSummary[];
}

let listings: Promise<Listings> | undefined;

/** Every index page's list, computed once per build from the published magazine. */
export function getListings(): Promise<Listings> {
  listings ??= getMagazine().then(({ articles, series, scheduled }) => ({
    home: leadFirst(articles),
    byCategory: groupArticles(articles, (a) => [a.category.id]),
    byTag: groupArticles(articles, (a) => a.tags.map((t) => t.slug)),
    byAuthor: groupArticles(articles, (a) => a.authors.map((p) => p.id)),
    series: summarizeSeries(series.values(), articles, scheduled),
  }));
  return listings;
}
