/**
 * The feeds, wired from the magazine: which articles, which channel. Each
 * feed is written in three formats (RSS, Atom, JSON Feed) from one list of
 * items, built once per build. The routes (the rss.xml.ts, atom.xml.ts and
 * feed.json.ts files of src/pages/) only serve these strings; the shape of a
 * feed is src/lib/feed.ts.
 */
import { getRssString } from '@astrojs/rss';
import { timed } from '../build/phase-timer.ts';
import { fr } from '../i18n/fr.ts';
import {
  MAIN_FEED_LIMIT,
  feedLogoUrl,
  toAtom,
  toFeedItems,
  toJsonFeed,
  toRssOptions,
  type FeedChannel,
  type FeedEntry,
  type FeedItem,
} from '../lib/feed.ts';
import { categoryFeedPaths, feedStylesheetPath, homePath, mainFeedPaths, seriesFeedPaths, type FeedFormat } from '../lib/urls.ts';
import { getListings, getMagazine, pageKey, type ArticleView } from './articles.ts';
import { getSite } from './context.ts';
import { getFeedContent } from './feed-content.ts';
import { getLogo, getSocialImages } from './images.ts';

export type { FeedFormat } from '../lib/urls.ts';

async function toEntry(article: ArticleView): Promise<FeedEntry> {
  const social = article.cover ? getSocialImages(article.cover.key) : undefined;
  return {
    article,
    content: await getFeedContent(article),
    enclosure: social && social.ogBytes > 0 ? { url: social.og.url, length: social.ogBytes } : undefined,
  };
}

type ChannelOf = Pick<FeedChannel, 'title' | 'description' | 'pagePath' | 'feedPaths'>;

interface BuiltFeed {
  channel: FeedChannel;
  items: FeedItem[];
}

/** One entry per feed (keyed by its RSS path): the three formats of a feed share its items. */
const built = new Map<string, Promise<BuiltFeed>>();

async function buildFeed(channel: ChannelOf, articles: ArticleView[]): Promise<BuiltFeed> {
  const site = getSite();
  const logo = getLogo()?.picture;
  // One article after the other: the order of the items never depends on
  // which render finishes first, and a large rubrique does not hold every
  // render in flight at once.
  const entries: FeedEntry[] = [];
  for (const article of articles) entries.push(await toEntry(article));
  return {
    channel: {
      ...channel,
      stylesheetPath: feedStylesheetPath(),
      language: site.language,
      publisher: site.name,
      imageUrl: logo && feedLogoUrl(logo, site.origin),
    },
    items: toFeedItems(entries, site.origin),
  };
}

function feed(format: FeedFormat, channel: ChannelOf, articles: () => Promise<ArticleView[]>): Promise<string> {
  return timed('feeds', async () => {
    let feed = built.get(channel.feedPaths.rss);
    if (!feed) {
      feed = articles().then((list) => buildFeed(channel, list));
      built.set(channel.feedPaths.rss, feed);
    }
    const { channel: full, items } = await feed;
    const { origin } = getSite();
    if (format === 'atom') return toAtom(full, items, origin);
    if (format === 'json') return toJsonFeed(full, items, origin);
    return getRssString(toRssOptions(full, items, origin));
  });
}

/** `/rss.xml`, `/atom.xml`, `/feed.json`: the newest published articles of the whole magazine. */
export function getMainFeed(format: FeedFormat = 'rss'): Promise<string> {
  const site = getSite();
  return feed(
    format,
    { title: site.name, description: site.tagline ?? site.name, pagePath: homePath(), feedPaths: mainFeedPaths() },
    async () => (await getMagazine()).articles.slice(0, MAIN_FEED_LIMIT),
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

/** A feed's channel and the articles it carries, as both the feed and its cache key read them. */
interface FeedSource {
  channel: ChannelOf;
  articles: () => Promise<ArticleView[]>;
}

/**
 * The cacheKey of a feed's path (src/data/articles.ts, pageKey): its channel,
 * the whole view of every article it carries (body digest, corrections, cover)
 * and the social image of each cover (the enclosure). The site's digest
 * holds the rest (name, language, origin, logo).
 */
async function feedKey({ channel, articles }: FeedSource): Promise<string> {
  const list = await articles();
  return pageKey('feed', channel, list, list.map((a) => (a.cover ? (getSocialImages(a.cover.key) ?? null) : null)));
}

async function seriesFeedSource(id: string): Promise<FeedSource> {
  const site = getSite();
  const series = (await getMagazine()).series.get(id);
  if (!series) throw new Error(`No series "${id}"`);
  return {
    channel: { title: `${series.title} — ${site.name}`, description: series.description, pagePath: series.url, feedPaths: seriesFeedPaths(id) },
    articles: async () => (await getListings()).bySeries.get(id) ?? [],
  };
}

/** `/series/<id>/rss.xml` (`atom.xml`, `feed.json`): every published episode, newest first. */
export async function getSeriesFeed(id: string, format: FeedFormat = 'rss'): Promise<string> {
  const { channel, articles } = await seriesFeedSource(id);
  return feed(format, channel, articles);
}

/** The cacheKey of a series' feed, in every format. */
export async function getSeriesFeedKey(id: string): Promise<string> {
  return feedKey(await seriesFeedSource(id));
}

async function categoryFeedSource(id: string): Promise<FeedSource> {
  const site = getSite();
  const category = (await getMagazine()).categories.get(id);
  if (!category) throw new Error(`No rubrique "${id}"`);
  return {
    channel: {
      title: `${category.title} — ${site.name}`,
      description: category.description ?? `${fr.categoryLabel} ${category.title} — ${site.name}`,
      pagePath: category.url,
      feedPaths: categoryFeedPaths(id),
    },
    articles: async () => (await getListings()).byCategory.get(id) ?? [],
  };
}

/** `/rubriques/<id>/rss.xml` (`atom.xml`, `feed.json`): every published article of the rubrique, newest first. */
export async function getCategoryFeed(id: string, format: FeedFormat = 'rss'): Promise<string> {
  const { channel, articles } = await categoryFeedSource(id);
  return feed(format, channel, articles);
}

/** The cacheKey of a rubrique's feed, in every format. */
export async function getCategoryFeedKey(id: string): Promise<string> {
  return feedKey(await categoryFeedSource(id));
}
