/**
 * How index pages group and order published articles: the home page's lead
 * story, lists per rubrique, tag or author, series summaries. Pure functions
 * of their arguments; src/data/articles.ts applies them once per build.
 */
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
