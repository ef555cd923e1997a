/**
 * When the site goes stale: a build publishes what is public at its "now",
 * so the same content gives a different site later, when a scheduled article
 * comes out, a published one expires, one leaves the news sitemap or a live
 * coverage ends. These pure functions list those moments from what the
 * content pass saw, so a scheduler (the CI workflow) can rebuild on time and
 * skip the runs that would change nothing.
 */
import { editionId, isoWeekOf, weekBounds } from './editions.ts';
import { NEWS_WINDOW_HOURS } from './news.ts';
import { statusAt, type Publishable } from './publishing.ts';

/** What the schedule reads from one article that is not a draft. */
export interface TimedArticle extends Publishable {
  slug: string;
  /** End of its live coverage (a live blog), when it has one. */
  liveEnd?: Date | undefined;
}

/** Why a later build differs from this one. */
export type RebuildWhy = 'published' | 'expires' | 'leaves-news-sitemap' | 'live-ends' | 'edition-closes';

export interface RebuildReason {
  /** ISO 8601, UTC. */
  at: string;
  why: RebuildWhy;
  /** The article's slug; for `edition-closes`, the edition's week (`2026-S48`). */
  slug: string;
}

/** The file written beside the output folder: the next moment, and every known one after it. */
export interface RebuildSchedule {
  /** The earliest `at` of `reasons`; null when no date would change the site. */
  next: string | null;
  /** Every future change known now, earliest first. */
  reasons: RebuildReason[];
}

const ORDER: Record<RebuildWhy, number> = { published: 0, expires: 1, 'leaves-news-sitemap': 2, 'live-ends': 3, 'edition-closes': 4 };
const WEEK = 7 * 24 * 3_600_000;

/**
 * The moments after `now` at which a build of the same content would give
 * another site. Nothing here decides visibility again: each candidate moment
 * is kept when the publishing rule (src/lib/publishing.ts, statusAt) or the
 * page the article has then really changes its answer:
 * - `published` / `expires`: the article becomes public, or stops being so
 *   (its `publishedAt`, its `expiresAt`);
 * - `leaves-news-sitemap`: `publishedAt` + the news window
 *   (src/lib/news.ts), while the article stays public;
 * - `live-ends`: the end of a live coverage, while the article stays public
 *   (a coverage that ends before publication shows no live state);
 * - `edition-closes`: the end of the week (src/lib/editions.ts) of an
 *   article public then: its edition stops saying « en cours » and enters
 *   the edition feed. Once per week, named by the week.
 */
export function rebuildSchedule(articles: readonly TimedArticle[], now: Date, newsWindowHours = NEWS_WINDOW_HOURS): RebuildSchedule {
  const nowTime = now.getTime();
  if (Number.isNaN(nowTime)) throw new RangeError('now is not a valid date');
  const events: { time: number; why: RebuildWhy; slug: string }[] = [];
  /** The weeks whose closing is listed already. */
  const closing = new Set<string>();
  for (const a of articles) {
    const published = a.publishedAt.getTime();
    if (Number.isNaN(published)) throw new RangeError(`publishedAt of ${a.slug} is not a valid date`);
    const isPublic = (time: number) => statusAt(a, new Date(time)) === 'published';
    const add = (time: number | undefined, kind: 'status' | 'page', why: RebuildWhy, slug = a.slug) => {
      if (time === undefined || Number.isNaN(time) || time <= nowTime) return false;
      const before = isPublic(time - 1);
      const after = isPublic(time);
      if (kind === 'status' ? before !== after : before && after) {
        events.push({ time, why, slug });
        return true;
      }
      return false;
    };
    add(published, 'status', 'published');
    add(a.expiresAt?.getTime(), 'status', 'expires');
    add(published + newsWindowHours * 3_600_000, 'page', 'leaves-news-sitemap');
    add(a.liveEnd?.getTime(), 'page', 'live-ends');
    // Only a week that ends after now can close: an article of the last seven days, or to come.
    if (published + WEEK > nowTime) {
      const week = isoWeekOf(a.publishedAt);
      const end = weekBounds(week).end.getTime();
      const id = editionId(week);
      if (!closing.has(id) && add(end, 'page', 'edition-closes', id)) closing.add(id);
    }
  }
  events.sort((x, y) => x.time - y.time || ORDER[x.why] - ORDER[y.why] || (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  const reasons = events.map((e) => ({ at: new Date(e.time).toISOString(), why: e.why, slug: e.slug }));
  return { next: reasons[0]?.at ?? null, reasons };
}

/**
 * Where the schedule is written: beside the output folder, not in it (it is
 * for the scheduler, not for readers): `dist` → `dist.rebuild.json`.
 */
export function rebuildFileFor(outDir: string): string {
  return `${outDir.replace(/[\\/]+$/, '')}.rebuild.json`;
}
