/**
 * How index pages group and order published articles: the home page's lead
 * story, lists per rubrique, tag or author, series summaries. Pure functions
 * of their arguments; src/data/articles.ts applies them once per build.
 */
import { toIsoString } from './dates.ts';
import { episodesInOrder } from './ordering.ts';

/**
 * The home page's order: the lead story first, then every other article
 * newest first. The lead is the newest article the editors put « à la une »
 * (`une: true`), with or without a cover; when none is, the newest article
 * with a cover. Without either there is no lead and the order is unchanged.
 * `articles` must be newest first.
 */
export function leadFirst<T extends { cover?: unknown; une?: boolean | undefined }>(
  articles: readonly T[],
): { lead: T | undefined; ordered: T[] } {
  let index = articles.findIndex((a) => a.une === true);
  if (index < 0) index = articles.findIndex((a) => a.cover !== undefined);
  if (index < 0) return { lead: undefined, ordered: [...articles] };
  const lead = articles[index]!;
  return { lead, ordered: [lead, ...articles.slice(0, index), ...articles.slice(index + 1)] };
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
