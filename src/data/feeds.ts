/**
 * The three kinds of feeds, wired from the magazine: which articles, which
 * channel. The routes (the rss.xml.ts files of src/pages/) only serve these strings;
 * the shape of a feed is src/lib/feed.ts.
 */
import { getRssString } from '@astrojs/rss';
import { timed } from '../build/phase-timer.ts';
import { fr } from '../i18n/fr.ts';
import { MAIN_FEED_LIMIT, feedLogoUrl, toFeedOptions, type FeedChannel, type FeedEntry } from '../lib/feed.ts';
import { categoryFeedPath, homePath, mainFeedPath, seriesFeedPath } from '../lib/urls.ts';
import { getListings, getMagazine, type ArticleView } from './articles.ts';
import { getSite } from './context.ts';
import { getFeedContent } from './feed-content.ts';
import { getLogo, getSocialImages } from './images.ts';

async function toEntry(article: ArticleView): Promise<FeedEntry> {
  const social = article.cover ? getSocialImages(article.cover.key) : undefined;
  return {
    article,
    content: await getFeedContent(article),
    enclosure: social && social.ogBytes > 0 ? { url: social.og.url, length: social.ogBytes } : undefined,
  };
}

function feed(channel: Omit<FeedChannel, 'language' | 'imageUrl'>, articles: ArticleView[]): Promise<string> {
  return timed('feeds', () => buildFeed(channel, articles));
}

async function buildFeed(channel: Omit<FeedChannel, 'language' | 'imageUrl'>, articles: ArticleView[]): Promise<string> {
  const site = getSite();
  const logo = getLogo()?.picture;
  // One article after the other: the order of the items never depends on
  // which render finishes first, and a large rubrique does not hold every
  // render in flight at once.
  const entries: FeedEntry[] = [];
  for (const article of articles) entries.push(await toEntry(article));
  return getRssString(
    toFeedOptions({ ...channel, language: site.language, imageUrl: logo && feedLogoUrl(logo, site.origin) }, entries, site.origin),
  );
}

/** `/rss.xml`: the newest published articles of the whole magazine. */
export async function getMainFeed(): Promise<string> {
  const site = getSite();
  const { articles } = await getMagazine();
  return feed(
    { title: site.name, description: site.tagline ?? site.name, pagePath: homePath(), feedPath: mainFeedPath() },
    articles.slice(0, MAIN_FEED_LIMIT),
  );
}

/** Ids of the series that have a feed: every series of the content, so a subscription outlives a quiet spell. */
export async function getFeedSeriesIds(): Promise<string[]> {
  return [...(await getMagazine()).series.keys()];
}

/** Ids of the rubriques that have a feed: every rubrique of the content. */
export async function getFeedCategoryIds(): Promise<string[]> {
  return [...(await getMagazine()).categories.keys()];
}

/** `/series/<id>/rss.xml`: every published episode, newest first. */
export async function getSeriesFeed(id: string): Promise<string> {
  const site = getSite();
  const mag = await getMagazine();
  const series = mag.series.get(id);
  if (!series) throw new Error(`No series "${id}"`);
  return feed(
    { title: `${series.title} — ${site.name}`, description: series.description, pagePath: series.url, feedPath: seriesFeedPath(id) },
    (await getListings()).bySeries.get(id) ?? [],
  );
}

/** `/rubriques/<id>/rss.xml`: every published article of the rubrique, newest first. */
export async function getCategoryFeed(id: string): Promise<string> {
  const site = getSite();
  const mag = await getMagazine();
  const category = mag.categories.get(id);
  if (!category) throw new Error(`No rubrique "${id}"`);
  return feed(
    {
      title: `${category.title} — ${site.name}`,
      description: category.description ?? `${fr.categoryLabel} ${category.title} — ${site.name}`,
      pagePath: category.url,
      feedPath: categoryFeedPath(id),
    },
    (await getListings()).byCategory.get(id) ?? [],
  );
}
