/**
 * Orders of articles. News is ordered by publication date only: an update
 * (`updatedAt`) must never move an old article back to the top.
 */

/** What the news order reads from an article. */
export interface Dated {
  slug: string;
  publishedAt: Date;
}

/** What the episode order reads from an article of a series. */
export interface Episode extends Dated {
  episode?: number | undefined;
}

// Code-unit comparison, not localeCompare: the result must not depend on the
// ICU data of the machine that builds.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Comparator for `Array.prototype.sort`: newest `publishedAt` first; equal
 * dates are ordered by slug ascending, so the order is total and two builds
 * list the same articles in the same order.
 */
export function byPublishedDesc(a: Dated, b: Dated): number {
  return b.publishedAt.getTime() - a.publishedAt.getTime() || compareStrings(a.slug, b.slug);
}

/** A new array sorted with {@link byPublishedDesc}; the input is left as is. */
export function sortByPublishedDesc<T extends Dated>(list: readonly T[]): T[] {
  return [...list].sort(byPublishedDesc);
}

function byPublishedAsc(a: Dated, b: Dated): number {
  return a.publishedAt.getTime() - b.publishedAt.getTime() || compareStrings(a.slug, b.slug);
}

/**
 * The episodes of a series in reading order (a new array).
 *
 * Numbered episodes keep the order of their numbers; unnumbered ones keep
 * the order of their dates. The two sequences are then merged by date, like
 * the merge step of a merge sort: at each step the earlier of the two next
 * candidates comes first (the numbered one on a tie). So an unnumbered
 * episode sits among the numbered ones according to its date, and the
 * numbering is never contradicted. (A single comparator mixing "by number"
 * and "by date" cannot do this: it would not be transitive.)
 *
 * Ties: equal numbers are ordered by date then slug; equal dates by slug.
 */
export function episodesInOrder<T extends Episode>(list: readonly T[]): T[] {
  const numbered = list
    .filter((e) => e.episode !== undefined)
    .sort((a, b) => a.episode! - b.episode! || byPublishedAsc(a, b));
  const unnumbered = list.filter((e) => e.episode === undefined).sort(byPublishedAsc);
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < numbered.length && j < unnumbered.length) {
    const n = numbered[i]!;
    const u = unnumbered[j]!;
    if (u.publishedAt.getTime() < n.publishedAt.getTime()) {
      merged.push(u);
      j++;
    } else {
      merged.push(n);
      i++;
    }
  }
  return merged.concat(numbered.slice(i), unnumbered.slice(j));
}

/**
 * The episodes before and after `slug` in {@link episodesInOrder}. A missing
 * neighbour (first or last episode, or a slug not in the list) is absent.
 */
export function adjacentEpisodes<T extends Episode>(list: readonly T[], slug: string): { previous?: T; next?: T } {
  const ordered = episodesInOrder(list);
  const index = ordered.findIndex((e) => e.slug === slug);
  const result: { previous?: T; next?: T } = {};
  if (index < 0) return result;
  if (index > 0) result.previous = ordered[index - 1]!;
  if (index < ordered.length - 1) result.next = ordered[index + 1]!;
  return result;
}
