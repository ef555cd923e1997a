/**
 * How index pages group and order published articles: the home page's lead
 * story, lists per rubrique, tag or author, series summaries. Pure functions
 * of their arguments; src/data/articles.ts applies them once per build.
 */
import { toIsoString } from './dates.ts';
import { episodesInOrder } from './ordering.ts';

/** An article read in a minute or less: a news brief, never the home page's lead on its own merit. */
export const BRIEF_MAX_MINUTES = 1;

/** Whether an article is a brief (see {@link BRIEF_MAX_MINUTES}); an article without a reading time is not. */
export function isBrief(article: { readingMinutes?: number | undefined }): boolean {
  return article.readingMinutes !== undefined && article.readingMinutes <= BRIEF_MAX_MINUTES;
}

/**
 * The home page's order: the lead story first, then every other article
 * newest first. The lead is the newest article the editors put « à la une »
 * (`une: true`), with or without a cover. When none is, it is the newest
 * story that can carry the page: with a cover, not a live blog (it has its
 * own block) and not a brief; failing that, the newest article with a cover.
 * Without a cover anywhere there is no lead and the order is unchanged.
 * `articles` must be newest first.
 */
export function leadFirst<T extends { cover?: unknown; une?: boolean | undefined; readingMinutes?: number | undefined; live?: unknown }>(
  articles: readonly T[],
): { lead: T | undefined; ordered: T[] } {
  let index = articles.findIndex((a) => a.une === true);
  if (index < 0) index = articles.findIndex((a) => a.cover !== undefined && a.live === undefined && !isBrief(a));
  if (index < 0) index = articles.findIndex((a) => a.cover !== undefined);
  if (index < 0) return { lead: undefined, ordered: [...articles] };
  const lead = articles[index]!;
  return { lead, ordered: [lead, ...articles.slice(0, index), ...articles.slice(index + 1)] };
}

/** The blocks of the home page's first screen, each article in one of them at most. */
export interface FrontPage<T> {
  lead: T | undefined;
  /** The next stories with a cover, newest first. */
  top: T[];
  /** Live blogs, newest first. */
  live: T[];
  /** Articles without a cover, newest first: set as briefs (headline and date). */
  briefs: T[];
  /** One block per rubrique (in the order given) with the rest of its articles, newest first; rubriques with none left out. */
  sections: { category: string; articles: T[] }[];
}

/** How many articles the first blocks of the home page hold; the rubriques' blocks take the rest. */
export const FRONT_PAGE_SIZES = { top: 4, live: 3, briefs: 5 } as const;

/**
 * Splits the articles of the home page (`articles`: its page of the list, the
 * lead first as {@link leadFirst} gives them) into its blocks: the lead, a few
 * stories with a cover, the live blogs, the briefs, then one block per
 * rubrique with the rest. Each article appears exactly once, so the page
 * still lists what the list's page 1 holds and /page/2/ goes on from there.
 */
export function composeFrontPage<T extends { cover?: unknown; live?: unknown; category: { id: string } }>(
  articles: readonly T[],
  lead: T | undefined,
  categoryIds: readonly string[],
  sizes: { top: number; live: number; briefs: number } = FRONT_PAGE_SIZES,
): FrontPage<T> {
  const rest = articles.filter((a) => a !== lead);
  const live = rest.filter((a) => a.live !== undefined).slice(0, sizes.live);
  const others = rest.filter((a) => !live.includes(a));
  const top = others.filter((a) => a.cover !== undefined).slice(0, sizes.top);
  const briefs = others.filter((a) => a.cover === undefined).slice(0, sizes.briefs);
  const shown = new Set<T>([...top, ...briefs]);
  const left = others.filter((a) => !shown.has(a));
  const sections = categoryIds.map((category) => ({ category, articles: left.filter((a) => a.category.id === category) })).filter((s) => s.articles.length > 0);
  return { lead, top, live, briefs, sections };
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
export interface SeriesSummary<S, A> {
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

/** The articles of one month of the archive. */
export interface ArchiveMonth<T> {
  year: number;
  /** 1 (January) to 12. */
  month: number;
  articles: T[];
}

/** The articles of one year of the archive, and its months that have any. */
export interface ArchiveYear<T> {
  year: number;
  articles: T[];
  /** Months with at least one article, newest first. */
  months: ArchiveMonth<T>[];
}

/**
 * The archive: `articles` grouped by year and month of their publication in
 * Paris time (an article published on 31 December at 23:30 UTC belongs to
 * January in Paris, where readers see its date), years and months newest
 * first, each keeping the articles' order. Only periods with an article
 * appear. `articles` should be newest first, as every list of the site.
 */
export function groupByMonth<T>(articles: readonly T[], dateOf: (article: T) => Date): ArchiveYear<T>[] {
  const years = new Map<number, ArchiveYear<T>>();
  const months = new Map<string, ArchiveMonth<T>>();
  for (const article of articles) {
    // toIsoString writes Paris wall-clock time: its first fields are the Paris year and month.
    const iso = toIsoString(dateOf(article));
    const year = Number(iso.slice(0, 4));
    const month = Number(iso.slice(5, 7));
    let y = years.get(year);
    if (!y) years.set(year, (y = { year, articles: [], months: [] }));
    y.articles.push(article);
    const key = `${year}-${month}`;
    let m = months.get(key);
    if (!m) {
      months.set(key, (m = { year, month, articles: [] }));
      y.months.push(m);
    }
    m.articles.push(article);
  }
  const sorted = [...years.values()].sort((a, b) => b.year - a.year);
  for (const y of sorted) y.months.sort((a, b) => b.month - a.month);
  return sorted;
}

// One collator for every sort: creating one costs more than comparing.
const FRENCH = new Intl.Collator('fr', { numeric: true });

/**
 * `items` sorted by `labelOf` in French collation (« économie » between
 * « dette » and « fibre », case and accents compared last), ties kept in
 * their order. A new array; the input is left alone.
 */
export function sortFrench<T>(items: Iterable<T>, labelOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => FRENCH.compare(labelOf(a), labelOf(b)));
}
