/** Google News sitemap rules, as pure functions. */
import { isAdvertising, type Sponsor } from './labels.ts';

/** How far back a Google News sitemap reaches: articles of the last 48 hours. */
export const NEWS_WINDOW_HOURS = 48;

/**
 * The articles a news sitemap lists: published in the `hours` before `now`
 * (an update does not bring an old article back), newest first, except
 * sponsored and partner content (advertising, which Google News does not
 * carry: see isAdvertising). The caller passes the articles public at `now`
 * (their status says so): this rule only reads the window and the sponsor.
 */
export function articlesForNewsSitemap<T extends { publishedAt: Date; slug: string; sponsor?: Sponsor | undefined }>(
  articles: readonly T[],
  now: Date,
  hours = NEWS_WINDOW_HOURS,
): T[] {
  const from = now.getTime() - hours * 3_600_000;
  return articles
    .filter((a) => a.publishedAt.getTime() > from && !isAdvertising(a.sponsor))
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.slug < b.slug ? -1 : 1));
}

/** The publication language a news sitemap wants: ISO 639 ("fr" for "fr-FR"). */
export function newsLanguage(bcp47: string): string {
  return bcp47.split('-')[0]!.toLowerCase();
}
