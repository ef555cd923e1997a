/**
 * The feeds, wired from the magazine: which articles, which channel. Each
 * feed is written in three formats (RSS, Atom, JSON Feed) from one list of
 * items, built once per build. The routes (the rss.xml.ts, atom.xml.ts and
 * feed.json.ts files of src/pages/, `[feed].xml.ts` and `[feed].json.ts`
 * for the feeds the site has once) only serve these strings, each with a
 * cacheKey; the shape of a feed is src/lib/feed.ts.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { timed } from '../publish/phase-timer.ts';
import { fr } from '../i18n/fr.ts';
import {
  MAIN_FEED_LIMIT,
  feedLogoUrl,
  offersTagFeed,
  toAtom,
  toFeedItems,
  toJsonFeed,
  toRss,
  type FeedChannel,
  type FeedEntry,
  type FeedItem,
} from '../lib/feed.ts';
import {
  authorFeedPaths,
  categoryFeedPaths,
  editionFeedPaths,
  editionsIndexPath,
  FEED_FILES,
  feedCssPath,
  homePath,
  mainFeedPaths,
  seriesFeedPaths,
  subscribePath,
  tagFeedPaths,
  type FeedFormat,
  type FeedPaths,
} from '../lib/urls.ts';
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
      hub: site.websub?.hub,
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
export const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** What the main feed is written from: the newest published articles of the whole magazine. */
async function mainFeedData(): Promise<FeedData> {
  const { site } = await getChrome();
  const channel = { title: site.name, description: site.tagline ?? site.name, pagePath: homePath(), feedPaths: mainFeedPaths() };
  return feedData(channel, (await getMagazine()).articles.slice(0, MAIN_FEED_LIMIT));
}

/** `/rss.xml`, `/atom.xml`, `/feed.json`: the main feed in one format. */
export function getMainFeed(format: FeedFormat = 'rss'): Promise<string> {
  return feed(format, mainFeedData);
}

/** The feeds of a subject, with a parameter: one per rubrique, series, author or tag. */
export type FeedKind = 'category' | 'series' | 'author' | 'tag';

/** A subject that has a feed: what its channel says and the published articles it carries, newest first. */
interface FeedSubject {
  id: string;
  /** Its name: « Cloud », « Alice Martin », « OpenStack ». */
  title: string;
  description: string;
  pagePath: string;
  feedPaths: FeedPaths;
  articles: readonly ArticleView[];
  /** Whether its page's head and the « S'abonner » page name the feed (all but the tags below TAG_FEED_MIN_ARTICLES). */
  offered: boolean;
}

/** The subjects of a kind, offered unless they say otherwise. */
type SubjectList = () => Promise<(Omit<FeedSubject, 'offered'> & { offered?: boolean })[]>;

/**
 * Each kind of subject: the route parameter of its feed files (the folder
 * of its page, `[id]` or `[tag]`), its subjects, and how many of a
 * subject's published articles its feed carries, newest first (all, or
 * MAIN_FEED_LIMIT). Each kind keeps every subject that has a page, so a
 * subscription outlives a quiet spell.
 */
const KINDS: Record<FeedKind, { param: 'id' | 'tag'; subjects: SubjectList; limit?: number }> = {
  // Every rubrique of the content.
  category: {
    param: 'id',
    async subjects() {
      const { site } = await getChrome();
      const { byCategory } = await getListings();
      return [...(await getMagazine()).categories.values()].map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description ?? `${fr.categoryLabel} ${c.title} — ${site.name}`,
        pagePath: c.url,
        feedPaths: categoryFeedPaths(c.id),
        articles: byCategory.get(c.id) ?? [],
      }));
    },
  },
  // Every series of the content.
  series: {
    param: 'id',
    async subjects() {
      const { bySeries } = await getListings();
      return [...(await getMagazine()).series.values()].map((s) => ({
        id: s.id,
        title: s.title,
        description: s.description,
        pagePath: s.url,
        feedPaths: seriesFeedPaths(s.id),
        articles: bySeries.get(s.id) ?? [],
      }));
    },
  },
  // Every author of content/authors/, like their page: a new journalist can be followed before their first article.
  author: {
    param: 'id',
    limit: MAIN_FEED_LIMIT,
    async subjects() {
      const { byAuthor } = await getListings();
      return [...(await getMagazine()).authors.values()].map((a) => ({
        id: a.id,
        title: a.name,
        description: a.bio ?? fr.authorDescription(a.name),
        pagePath: a.url,
        feedPaths: authorFeedPaths(a.id),
        articles: byAuthor.get(a.id) ?? [],
      }));
    },
  },
  // Every tag that has a page (a published article); offered from TAG_FEED_MIN_ARTICLES (src/lib/feed.ts, offersTagFeed).
  tag: {
    param: 'tag',
    limit: MAIN_FEED_LIMIT,
    async subjects() {
      const { byTag } = await getListings();
      return [...(await getMagazine()).tags.values()].map((t) => {
        const articles = byTag.get(t.slug) ?? [];
        return { id: t.slug, title: t.label, description: fr.tagDescription(t.label), pagePath: t.url, feedPaths: tagFeedPaths(t.label), articles, offered: offersTagFeed(articles.length) };
      });
    },
  },
};

/** The subjects of each kind, by id: read once per build. */
const subjectsByKind = new Map<FeedKind, Promise<Map<string, FeedSubject>>>();

function subjectsOf(kind: FeedKind): Promise<Map<string, FeedSubject>> {
  let subjects = subjectsByKind.get(kind);
  if (!subjects) {
    subjects = KINDS[kind].subjects().then((list) => new Map(list.map((s) => [s.id, { ...s, offered: s.offered ?? true }])));
    subjectsByKind.set(kind, subjects);
  }
  return subjects;
}

/** What the feed of one subject is written from (its cacheKey is computed from it). */
async function subjectFeedData(kind: FeedKind, id: string): Promise<FeedData> {
  const subject = (await subjectsOf(kind)).get(id);
  if (!subject) throw new Error(`No ${kind} "${id}" with a feed`);
  const { site } = await getChrome();
  const { title, description, pagePath, feedPaths } = subject;
  return feedData({ title: `${title} — ${site.name}`, description, pagePath, feedPaths }, subject.articles.slice(0, KINDS[kind].limit));
}

/** One feed of the magazine, as the « S'abonner » page lists it: its title, its page, its address in each format. */
export interface FeedListing {
  kind: 'main' | 'edition' | FeedKind;
  title: string;
  pagePath: string;
  feedPaths: FeedPaths;
}

/** The order of the « S'abonner » page, after the whole magazine. */
const DIRECTORY_ORDER: readonly FeedKind[] = ['category', 'series', 'author', 'tag'];

/**
 * Every feed the build offers, from the same subjects as the feeds
 * themselves: the whole magazine, the weekly edition, then each rubrique,
 * series, author and tag
 * (the tags from TAG_FEED_MIN_ARTICLES articles), each kind in the order of
 * its ids.
 */
export async function getFeedDirectory(): Promise<FeedListing[]> {
  const { site } = await getChrome();
  const list: FeedListing[] = [{ kind: 'main', title: site.name, pagePath: homePath(), feedPaths: mainFeedPaths() }];
  // The weekly edition's feed (src/data/editions.ts), one item per finished week.
  list.push({ kind: 'edition', title: fr.edition.archiveTitle, pagePath: editionsIndexPath(), feedPaths: editionFeedPaths() });
  for (const kind of DIRECTORY_ORDER) {
    const subjects = [...(await subjectsOf(kind)).values()].filter((s) => s.offered).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const { title, pagePath, feedPaths } of subjects) list.push({ kind, title, pagePath, feedPaths });
  }
  return list;
}

/** The feed of one subject, in one format. */
export async function getFeed(kind: FeedKind, id: string, format: FeedFormat): Promise<string> {
  return feed(format, () => subjectFeedData(kind, id));
}

/**
 * The route of a feed the site has once, in `formats`: a path per format,
 * `[feed]` in the route's file name standing for the name of its file
 * (`src/pages/[feed].xml.ts`: `rss` and `atom`; `[feed].json.ts`: `feed`),
 * whose cacheKey, from the very object the feed is written from (`data`),
 * lets Astro's incremental build reuse it while it is unchanged. `write`
 * gives the feed in one format.
 */
export function singleFeedRoute(formats: readonly FeedFormat[], data: () => Promise<unknown>, write: (format: FeedFormat) => Promise<string>): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  return {
    getStaticPaths: async () => {
      const cacheKey = await pageKey('feed', await data());
      return formats.map((format) => ({ params: { feed: FEED_FILES[format].replace(/\.[a-z]+$/, '') }, props: { format }, cacheKey }));
    },
    GET: async ({ props }) => {
      const { format } = props as { format: FeedFormat };
      return new Response(await write(format), { headers: { 'Content-Type': CONTENT_TYPES[format] } });
    },
  };
}

/** The route of the main feed in `formats` (`src/pages/[feed].xml.ts`, `[feed].json.ts`). */
export function mainFeedRoute(formats: readonly FeedFormat[]): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  return singleFeedRoute(formats, mainFeedData, getMainFeed);
}

/**
 * The route of the feeds of one kind of subject in one format
 * (`src/pages/series/[id]/rss.xml.ts`…): a path per subject, whose cacheKey lets
 * Astro's incremental build reuse the feed while it is unchanged.
 */
export function feedRoute(kind: FeedKind, format: FeedFormat): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  const { param } = KINDS[kind];
  return {
    // The key is computed from the very object the feed is written from.
    getStaticPaths: async () =>
      Promise.all([...(await subjectsOf(kind)).keys()].map(async (id) => ({ params: { [param]: id }, cacheKey: await pageKey('feed', await subjectFeedData(kind, id)) }))),
    GET: async ({ params }) => new Response(await getFeed(kind, params[param]!, format), { headers: { 'Content-Type': CONTENT_TYPES[format] } }),
  };
}
