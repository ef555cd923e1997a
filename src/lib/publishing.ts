/**
 * The one publishing rule. The content pass asks it once per article, at the
 * build's "now", and hands the answer (`ArticleStatus`) to everything else:
 * pages, lists, feeds, sitemaps, search, images, related articles, the
 * lost-URL guard and the build summary read the status, never the dates.
 * "Now" is always passed in (from `ROTATIVE_NOW` or the build's clock) so
 * builds are reproducible.
 */

/**
 * Where an article stands at an instant:
 * - `draft`: `draft: true`, whatever its dates;
 * - `scheduled`: its `publishedAt` is still ahead;
 * - `published`: public;
 * - `expired`: published once, withdrawn at its `expiresAt` (an embargo that
 *   ended, rights that ran out): like a draft, it is published nowhere.
 */
export type ArticleStatus = 'published' | 'scheduled' | 'draft' | 'expired';

/** What the publishing rule reads from an article. */
export interface Publishable {
  draft?: boolean | undefined;
  publishedAt: Date;
  expiresAt?: Date | undefined;
}

// An invalid date compares false with everything, which would silently make
// an article neither published nor scheduled: fail loudly instead.
function timeOf(date: Date, what: string): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError(`${what} is not a valid date`);
  return time;
}

/** The status of `article` at `now`: the only place where dates and `draft` are read to decide it. */
export function statusAt(article: Publishable, now: Date): ArticleStatus {
  const at = timeOf(now, 'now');
  if (article.draft) return 'draft';
  if (timeOf(article.publishedAt, 'publishedAt') > at) return 'scheduled';
  if (article.expiresAt !== undefined && timeOf(article.expiresAt, 'expiresAt') <= at) return 'expired';
  return 'published';
}
