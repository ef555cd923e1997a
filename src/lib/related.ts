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

/** Options of {@link relatedArticles}. */
export interface RelatedOptions {
  /** Maximum number of articles returned (default 4). */
  limit?: number;
}

// Tags are free labels: "OpenStack" and "openstack" share one tag page
// (see urls.ts), so they are the same tag here too. An article's tags are
// slugified once, and each tag key numbered once per process: on a large
// archive each article is a candidate for hundreds of others (about 900 at
// 4,000 articles), and the ranking of every article compared some 3.7
// million candidates' keys as strings (in a build of 4,000 articles, 555
// ms of the pages process against 313 ms with numbers).
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
/** 1 at the number of each tag of the article being ranked, 0 elsewhere (cleared after each ranking). */
let ownTags = new Uint8Array(64);

/**
 * Articles related to `article`, best first, at most `limit` (default 4).
 *
 * Ranking groups, in this order:
 * 1. same series;
 * 2. at least one shared tag, more shared tags first;
 * 3. same category (rubrique).
 * Within a group (and an equal number of shared tags): newest first, then
 * slug ({@link byPublishedDesc}). An article belongs to its best group only,
 * appears once even if `all` lists it twice, and `article` itself is never
 * returned. Articles sharing nothing with `article` are not returned.
 *
 * `all` must hold published articles only (see publishing.ts): this function
 * does not know "now" and does not filter drafts or scheduled articles.
 */
export function relatedArticles<T extends Relatable>(article: Relatable, all: readonly T[], { limit = 4 }: RelatedOptions = {}): T[] {
  const max = Math.max(0, Math.floor(limit));
  if (max === 0) return [];
  const own = tagNumbersOf(article);
  if (ownTags.length < tagNumbers.size) ownTags = new Uint8Array(tagNumbers.size * 2);
  for (const n of own) ownTags[n] = 1;
  try {
    return rank(article, all, max);
  } finally {
    for (const n of own) ownTags[n] = 0;
  }
}

function rank<T extends Relatable>(article: Relatable, all: readonly T[], max: number): T[] {
  // The best `max` so far, best first: a candidate is compared with a few
  // kept ones, not sorted among all (an article with a popular tag has
  // thousands of candidates on a large archive, and keeps four).
  const best: Ranked<T>[] = [];
  for (const candidate of all) {
    if (candidate.slug === article.slug) continue;
    let shared = 0;
    // A tag numbered after ownTags was sized is not the ranked article's.
    for (const n of tagNumbersOf(candidate)) if (n < ownTags.length) shared += ownTags[n]!;
    const group =
      article.series !== undefined && candidate.series === article.series ? 1 : shared > 0 ? 2 : candidate.category === article.category ? 3 : 0;
    if (group === 0) continue;
    if (best.length === max && outranks(best[max - 1]!, group, shared, candidate)) continue;
    // Listed twice: kept once (only the kept few are looked at, not a set of every candidate seen).
    if (best.some((r) => r.item.slug === candidate.slug)) continue;
    let at = best.length;
    while (at > 0 && !outranks(best[at - 1]!, group, shared, candidate)) at--;
    best.splice(at, 0, { item: candidate, group, shared });
    if (best.length > max) best.pop();
  }
  return best.map((r) => r.item);
}

interface Ranked<T> {
  item: T;
  group: number;
  shared: number;
}

/** Whether `a` comes before the candidate `item` of `group` with `shared` tags: the ranking's order (slugs are distinct, so two candidates never tie). */
function outranks(a: Ranked<Relatable>, group: number, shared: number, item: Relatable): boolean {
  return (a.group - group || (group === 2 ? shared - a.shared : 0) || byPublishedDesc(a.item, item)) < 0;
}
