/**
 * The one publishing rule, used by pages, lists, feeds, sitemap, search and
 * related articles alike: an article is public when it is not a draft and its
 * `publishedAt` is not after "now". "Now" is always passed in (from
 * `ROTATIVE_NOW` or the build's clock) so builds are reproducible.
 */

/** What the publishing rule reads from an article. */
export interface Publishable {
  draft?: boolean | undefined;
  publishedAt: Date;
}

/** Options of the publishing functions. */
export interface PublishingOptions {
  /** The instant the site is built for. */
  now: Date;
}

// An invalid date compares false with everything, which would silently make
// an article neither published nor scheduled: fail loudly instead.
function timeOf(date: Date, what: string): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError(`${what} is not a valid date`);
  return time;
}

/** True when the article is public: not a draft, and `publishedAt <= now`. */
export function isPublished(article: Publishable, opts: PublishingOptions): boolean {
  return !article.draft && timeOf(article.publishedAt, 'publishedAt') <= timeOf(opts.now, 'now');
}

/** True when the article waits for its date: not a draft, and `publishedAt > now`. */
export function isScheduled(article: Publishable, opts: PublishingOptions): boolean {
  return !article.draft && timeOf(article.publishedAt, 'publishedAt') > timeOf(opts.now, 'now');
}

/**
 * Splits articles into the three statuses, keeping their order. Every
 * article lands in exactly one list; a draft is a draft whatever its date.
 */
export function partitionByStatus<T extends Publishable>(
  articles: readonly T[],
  opts: PublishingOptions,
): { published: T[]; scheduled: T[]; drafts: T[] } {
  const published: T[] = [];
  const scheduled: T[] = [];
  const drafts: T[] = [];
  for (const article of articles) {
    if (article.draft) drafts.push(article);
    else if (isPublished(article, opts)) published.push(article);
    else scheduled.push(article);
  }
  return { published, scheduled, drafts };
}
