/**
 * « À lire également »: the articles a reader of one article is most likely
 * to want next.
 */
import { byPublishedDesc } from './ordering.ts';
import { slugify } from './slugs.ts';

/** What the ranking reads from an article. */
export interface Relatable {
  slug: string;
  publishedAt: Date;
  category: string;
  tags?: readonly string[] | undefined;
  series?: string | undefined;
}

/** Options of a ranking. */
export interface RelatedOptions {
  /** Maximum number of articles returned (default 4). */
  limit?: number;
  /** Slugs never returned (what the article's body already recommends). */
  exclude?: readonly string[];
}

// Tags are free labels: "OpenStack" and "openstack" share one tag page
// (see urls.ts), so they are the same tag here too. An article's tags are
// slugified once, and each tag key numbered once per process.
const tagNumbers = new Map<string, number>();
const numbersOf = new WeakMap<Relatable, Uint32Array>();
function tagNumbersOf(article: Relatable): Uint32Array {
  let numbers = numbersOf.get(article);
  if (!numbers) {
    const keys = new Set((article.tags ?? []).map(slugify).filter((key) => key !== ''));
    numbers = Uint32Array.from(keys, (key) => {
      let n = tagNumbers.get(key);
      if (n === undefined) tagNumbers.set(key, (n = tagNumbers.size));
      return n;
    });
    numbersOf.set(article, numbers);
  }
  return numbers;
}

/** Ranks an article against the articles its ranker was made for. */
export type RelatedRanker<T> = (article: Relatable, options?: RelatedOptions) => T[];

/**
 * A ranker of the articles related to an article among `all`, best first.
 *
 * Ranking groups, in this order:
 * 1. same series;
 * 2. at least one shared tag, more shared tags first;
 * 3. same category (rubrique).
 * Within a group (and an equal number of shared tags): newest first, then
 * slug ({@link byPublishedDesc}). An article belongs to its best group only,
 * appears once even if `all` lists it twice (the first of its slug), and the
 * ranked article itself is never returned. Articles sharing nothing with it
 * are not returned.
 *
 * `all` must hold published articles only (see publishing.ts): this function
 * does not know "now" and does not filter drafts or scheduled articles.
 *
 * Made once for a whole archive: `all` is put in the ranking's order and
 * indexed by series, rubrique and tag, so that ranking an article reads the
 * articles of its own series, tags and rubrique only, as positions in that
 * order. Comparing every candidate's tags and dates instead, the rankings of
 * 10,000 articles took 1.4–3.5 s (in a build's pages process, and alone);
 * made once and run for each of them, this ranker takes 0.4–0.5 s, for the
 * same rankings (compared on every article of synthetic archives of 3,000
 * and 10,000 articles, and on the benchmark's 4,000 article pages).
 */
export function relatedRanker<T extends Relatable>(all: readonly T[]): RelatedRanker<T> {
  const slugs = new Set<string>();
  const items = all.filter((a) => !slugs.has(a.slug) && Boolean(slugs.add(a.slug))).sort(byPublishedDesc);
  /** Positions in `items` (ascending: best first within a group), by series, rubrique and tag number. */
  const bySeries = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  const byTag: number[][] = [];
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    const list = map.get(key);
    if (list) list.push(at);
    else map.set(key, [at]);
  };
  items.forEach((a, at) => {
    if (a.series !== undefined) add(bySeries, a.series, at);
    add(byCategory, a.category, at);
    for (const n of tagNumbersOf(a)) (byTag[n] ??= []).push(at);
  });
  /** Tags each article shares with the one being ranked (cleared after each ranking). */
  const shared = new Uint32Array(items.length);

  return (article, { limit = 4, exclude = [] } = {}) => {
    const max = Math.max(0, Math.floor(limit));
    if (max === 0) return [];
    const picked: number[] = [];
    const refused = (at: number) => items[at]!.slug === article.slug || exclude.includes(items[at]!.slug);
    const sameSeries = (at: number) => article.series !== undefined && items[at]!.series === article.series;
    // 1. The series, newest first.
    for (const at of article.series === undefined ? [] : (bySeries.get(article.series) ?? [])) {
      if (picked.length === max) break;
      if (!refused(at)) picked.push(at);
    }
    if (picked.length === max) return picked.map((p) => items[p]!);
    // 2. Shared tags: counted along the tag lists, then the best kept
    // (most shared, then first in order), a few compared, never all sorted.
    const touched: number[] = [];
    try {
      for (const n of tagNumbersOf(article)) {
        for (const at of byTag[n] ?? []) {
          if (shared[at] === 0) touched.push(at);
          shared[at]! += 1;
        }
      }
      const best: number[] = [];
      const before = (a: number, b: number) => shared[a]! > shared[b]! || (shared[a] === shared[b] && a < b);
      const room = max - picked.length;
      for (const at of touched) {
        if (best.length === room && !before(at, best[room - 1]!)) continue;
        if (sameSeries(at) || refused(at)) continue;
        let i = best.length;
        while (i > 0 && before(at, best[i - 1]!)) i--;
        best.splice(i, 0, at);
        if (best.length > room) best.pop();
      }
      picked.push(...best);
      // 3. The rubrique, newest first.
      for (const at of byCategory.get(article.category) ?? []) {
        if (picked.length === max) break;
        if (shared[at] === 0 && !sameSeries(at) && !refused(at)) picked.push(at);
      }
    } finally {
      for (const at of touched) shared[at] = 0;
    }
    return picked.map((p) => items[p]!);
  };
}
