/**
 * The search index is split in one Pagefind index per year of publication
 * (Paris time), which the search page merges in the browser: an edit to an
 * article re-indexes its year only, and the years nobody touched are taken
 * from the cache (src/publish/search.ts). The group of an article and the
 * public path of a group's index are decided here, for the build and for the
 * search page alike.
 */
import { toIsoString } from './dates.ts';

/** The search group of an article: the year it was published, in Paris. */
export function searchGroupOf(publishedAt: Date): string {
  return toIsoString(publishedAt).slice(0, 4);
}

/** Groups in the order the search page loads them: newest first (the first is the primary index). */
export function orderSearchGroups(groups: Iterable<string>): string[] {
  return [...new Set(groups)].sort().reverse();
}
