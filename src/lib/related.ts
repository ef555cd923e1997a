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
/** What the ranking compares of an article, read once per article: its tags' numbers and its date's. */
interface Facts {
  tags: Uint32Array;
  time: number;
}
const factsOf = new WeakMap<Relatable, Facts>();
function facts(article: Relatable): Facts {
  let known = factsOf.get(article);
  if (!known) {
    const keys = new Set((article.tags ?? []).map(slugify).filter((key) => key !== ''));
    const tags = Uint32Array.from(keys, (key) => {
      let n = tagNumbers.get(key);
      if (n === undefined) tagNumbers.set(key, (n = tagNumbers.size));
      return n;
    });
    known = { tags, time: article.publishedAt.getTime() };
    factsOf.set(article, known);
  }
  return known;
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
  const own = facts(article).tags;
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
  for (let i = 0; i < all.length; i++) {
    const candidate = all[i]!;
    if (candidate.slug === article.slug) continue;
    const { tags, time } = facts(candidate);
    let shared = 0;
    // A tag numbered after ownTags was sized is not the ranked article's.
    for (let t = 0; t < tags.length; t++) {
      const n = tags[t]!;
      if (n < ownTags.length) shared += ownTags[n]!;
    }
    const group =
      article.series !== undefined && candidate.series === article.series ? 1 : shared > 0 ? 2 : candidate.category === article.category ? 3 : 0;
    if (group === 0) continue;
    if (best.length === max && outranks(best[max - 1]!, group, shared, time, candidate)) continue;
    // Listed twice: kept once (only the kept few are looked at, not a set of every candidate seen).
    if (best.some((r) => r.item.slug === candidate.slug)) continue;
    let at = best.length;
    while (at > 0 && !outranks(best[at - 1]!, group, shared, time, candidate)) at--;
    best.splice(at, 0, { item: candidate, group, shared, time });
    if (best.length > max) best.pop();
  }
  return best.map((r) => r.item);
}

interface Ranked<T> {
  item: T;
  group: number;
  shared: number;
  /** item.publishedAt's time. */
  time: number;
}

/**
 * Whether `a` comes before the candidate `item` of `group` with `shared`
 * tags, published at `time`: the ranking's order (slugs are distinct, so
 * two candidates never tie). The dates compared as numbers first: most
 * candidates differ there, and byPublishedDesc reads both dates again.
 */
function outranks(a: Ranked<Relatable>, group: number, shared: number, time: number, item: Relatable): boolean {
  return (a.group - group || (group === 2 ? shared - a.shared : 0) || time - a.time || byPublishedDesc(a.item, item)) < 0;
}
