/**
 * The feeds, wired from the magazine: which articles, which channel. Each
 * feed is written in three formats (RSS, Atom, JSON Feed) from one list of
 * items, built once per build. The routes (the rss.xml.ts, atom.xml.ts and
 * feed.json.ts files of src/pages/) only serve these strings; the shape of a
 * feed is src/lib/feed.ts.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { timed } from '../publish/phase-timer.ts';
import { fr } from '../i18n/fr.ts';
import {
  MAIN_FEED_LIMIT,
  feedLogoUrl,
  toAtom,
  toFeedItems,
  toJsonFeed,
  toRss,
  type FeedChannel,
  type FeedEntry,
  type FeedItem,
} from '../lib/feed.ts';
import { categoryFeedPaths, feedCssPath, homePath, mainFeedPaths, seriesFeedPaths, subscribePath, type FeedFormat, type FeedPaths } from '../lib/urls.ts';
import { getListings, getMagazine, pageKey, type ArticleView } from './articles.ts';
import { getChrome } from './chrome.ts';
import { getFeedContent } from './feed-content.ts';
import { getSocialImages } from './images.ts';

export type { FeedFormat } from '../lib/urls.ts';

type ChannelOf = Pick<FeedChannel, 'title' | 'description' | 'pagePath' | 'feedPaths'>;

/**
 * What a feed is written from, besides what every page shows (the site's
 * name, language, origin and logo: src/data/chrome.ts): its channel, and
 * each article it carries with its enclosure (the cover's Open Graph JPEG).
 * A feed's cacheKey is computed from this very object.
 */
interface FeedData {
  channel: ChannelOf;
  entries: { article: ArticleView; enclosure?: { url: string; length: number } }[];
}

function feedData(channel: ChannelOf, articles: readonly ArticleView[]): FeedData {
  return {
    channel,
    entries: articles.map((article) => {
      const social = article.cover ? getSocialImages(article.cover.key) : undefined;
      return { article, enclosure: social && social.ogBytes > 0 ? { url: social.og.url, length: social.ogBytes } : undefined };
    }),
  };
}

interface BuiltFeed {
  channel: FeedChannel;
  items: FeedItem[];
}

/** One entry per feed (keyed by its RSS path): the three formats of a feed share its items. */
const built = new Map<string, Promise<BuiltFeed>>();

async function buildFeed({ channel, entries: carried }: FeedData): Promise<BuiltFeed> {
  const { site, logo: siteLogo } = await getChrome();
  const logo = siteLogo?.picture;
  const entries: FeedEntry[] = carried.map(({ article, enclosure }) => ({ article, content: getFeedContent(article), enclosure }));
  return {
    channel: {
      ...channel,
      cssPath: feedCssPath(),
      subscribePath: subscribePath(),
      language: site.language,
      publisher: site.name,
      imageUrl: logo && feedLogoUrl(logo, site.siteUrl),
    },
    items: toFeedItems(entries, site.siteUrl),
  };
}

function feed(format: FeedFormat, data: () => Promise<FeedData>): Promise<string> {
  return timed('feeds', async () => {
    const source = await data();
    let feed = built.get(source.channel.feedPaths.rss);
    if (!feed) {
      feed = buildFeed(source);
      built.set(source.channel.feedPaths.rss, feed);
    }
    const { channel: full, items } = await feed;
    const { siteUrl: origin } = (await getChrome()).site;
    if (format === 'atom') return toAtom(full, items, origin);
    if (format === 'json') return toJsonFeed(full, items, origin);
    return toRss(full, items, origin);
  });
}

/** The media type each format is served with. */
const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** `/rss.xml`, `/atom.xml`, `/feed.json`: the newest published articles of the whole magazine. */
export function getMainFeed(format: FeedFormat = 'rss'): Promise<string> {
  return feed(format, async () => {
    const { site } = await getChrome();
    const channel = { title: site.name, description: site.tagline ?? site.name, pagePath: homePath(), feedPaths: mainFeedPaths() };
    return feedData(channel, (await getMagazine()).articles.slice(0, MAIN_FEED_LIMIT));
  });
}

/** The feeds with a parameter: one per series, one per rubrique. */
export type FeedKind = 'series' | 'category';

const SOURCES: Record<FeedKind, { ids: () => Promise<string[]>; source: (id: string) => Promise<FeedData> }> = {
  // Every series of the content, so a subscription outlives a quiet spell;
  // every published episode, newest first.
  series: {
    ids: async () => [...(await getMagazine()).series.keys()],
    async source(id) {
      const { site } = await getChrome();
      const series = (await getMagazine()).series.get(id);
      if (!series) throw new Error(`No series "${id}"`);
      const channel = { title: `${series.title} — ${site.name}`, description: series.description, pagePath: series.url, feedPaths: seriesFeedPaths(id) };
      return feedData(channel, (await getListings()).bySeries.get(id) ?? []);
    },
  },
  // Every rubrique of the content; every published article of it, newest first.
  category: {
    ids: async () => [...(await getMagazine()).categories.keys()],
    async source(id) {
      const { site } = await getChrome();
      const category = (await getMagazine()).categories.get(id);
      if (!category) throw new Error(`No rubrique "${id}"`);
      const channel = {
        title: `${category.title} — ${site.name}`,
        description: category.description ?? `${fr.categoryLabel} ${category.title} — ${site.name}`,
        pagePath: category.url,
        feedPaths: categoryFeedPaths(id),
      };
      return feedData(channel, (await getListings()).byCategory.get(id) ?? []);
    },
  },
};

/** One feed of the magazine, as the « S'abonner » page lists it: its title, its page, its address in each format. */
export interface FeedListing {
  kind: 'main' | FeedKind;
  title: string;
  pagePath: string;
  feedPaths: FeedPaths;
}

/**
 * Every feed the build writes, from the same sources as the feeds
 * themselves: the whole magazine, then each rubrique, then each series, in
 * the order of their ids.
 */
export async function getFeedDirectory(): Promise<FeedListing[]> {
  const { site } = await getChrome();
  const magazine = await getMagazine();
  const list: FeedListing[] = [{ kind: 'main', title: site.name, pagePath: homePath(), feedPaths: mainFeedPaths() }];
  for (const kind of ['category', 'series'] as const) {
    for (const id of (await SOURCES[kind].ids()).sort()) {
      const { channel } = await SOURCES[kind].source(id);
      const title = kind === 'category' ? magazine.categories.get(id)!.title : magazine.series.get(id)!.title;
      list.push({ kind, title, pagePath: channel.pagePath, feedPaths: channel.feedPaths });
    }
  }
  return list;
}

/** The feed of one series or rubrique, in one format. */
export async function getFeed(kind: FeedKind, id: string, format: FeedFormat): Promise<string> {
  return feed(format, () => SOURCES[kind].source(id));
}

/** The route of the main feed in one format (`src/pages/rss.xml.ts`…). */
export function mainFeedRoute(format: FeedFormat): { GET: APIRoute } {
  return { GET: async () => new Response(await getMainFeed(format), { headers: { 'Content-Type': CONTENT_TYPES[format] } }) };
}

/**
 * The route of the series or rubrique feeds in one format
 * (`src/pages/series/[id]/rss.xml.ts`…): a path per id, whose cacheKey lets
 * Astro's incremental build reuse the feed while it is unchanged.
 */
export function feedRoute(kind: FeedKind, format: FeedFormat): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  const { ids, source } = SOURCES[kind];
  return {
    // The key is computed from the very object the feed is written from.
    getStaticPaths: async () => Promise.all((await ids()).map(async (id) => ({ params: { id }, cacheKey: await pageKey('feed', await source(id)) }))),
    GET: async ({ params }) => new Response(await getFeed(kind, params.id!, format), { headers: { 'Content-Type': CONTENT_TYPES[format] } }),
  };
}
