/**
 * The feeds of a subject (src/data/feeds.ts) over a data store of entries
 * made through the real schemas (tests/unit/test-utils.ts): which authors and
 * tags get a feed, which the « S'abonner » directory offers, what each feed
 * carries (read by the Universal Feed Parser), the keys that let Astro reuse
 * a feed, and the WebSub hub of site.yaml in every format.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleBody } from '../../src/content/bodies.ts';
import { publishArticleBodies } from '../../src/content/bodies.ts';
import { MAIN_FEED_LIMIT, TAG_FEED_MIN_ARTICLES, offersTagFeed } from '../../src/lib/feed.ts';
import { article, astroContentMock, author, buildContext, emptyStore, type Store } from './test-utils.ts';

const store = vi.hoisted(() => ({ current: undefined as unknown as Store }));
vi.mock('astro:content', () => ({
  getCollection: (name: keyof Store) => astroContentMock(store.current).getCollection(name),
  getEntry: (name: keyof Store, id: string) => astroContentMock(store.current).getEntry(name, id),
}));

const ORIGIN = 'https://gazette.example';
const HUB = 'https://hub.example/';
/** Debian's interpreter, which has python3-feedparser. */
const PYTHON = '/usr/bin/python3';
const READ_FEEDS = path.resolve(import.meta.dirname, '../helpers/read-feeds.py');
const tmp = mkdtempSync(path.join(tmpdir(), 'rotative-feed-subjects-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The feed data layer over `articles` (each with a rendered body) and the store's others, computed afresh. */
async function feedLayer(articles: Store['articles'], extra: Partial<Store> = {}) {
  store.current = { ...emptyStore(), authors: [author('alice', { name: 'Alice Martin' }), author('bruno', { name: 'Bruno Petit' })], ...extra, articles };
  publishArticleBodies(new Map(articles.map((a) => [a.id, { html: '', feedHtml: `<p>Texte entier de ${a.id}.</p>`, headings: [], hasYoutube: false, scripts: [] } satisfies ArticleBody])));
  vi.resetModules();
  return import('../../src/data/feeds.ts');
}

/** What the Universal Feed Parser reads in an RSS or Atom document. */
function feedparser(xml: string): {
  bozo: boolean;
  version: string;
  feed: { title: string; link: string; links: { rel: string; href: string }[] };
  entries: { link: string; content: string[]; authors: string[] }[];
} {
  const file = path.join(tmp, `feed-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const run = spawnSync(PYTHON, [READ_FEEDS, file], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as Record<string, ReturnType<typeof feedparser>>)[file]!;
}

const slugsOf = (entries: { link: string }[]) => entries.map((e) => e.link.replace(`${ORIGIN}/articles/`, '').replace(/\/$/, ''));

/** Three articles tagged OpenStack (one also Kubernetes), a fourth only Kubernetes, a draft tagged OpenStack. */
const magazine = () => [
  article('un', { publishedAt: '2016-05-10T08:00:00+02:00', tags: ['OpenStack'], authors: ['alice'] }),
  article('deux', { publishedAt: '2016-05-11T08:00:00+02:00', tags: ['OpenStack', 'Kubernetes'], authors: ['alice', 'bruno'] }),
  article('trois', { publishedAt: '2016-05-12T08:00:00+02:00', tags: ['OpenStack'], authors: ['alice'] }),
  article('quatre', { publishedAt: '2016-05-13T08:00:00+02:00', tags: ['Kubernetes'], authors: ['alice'] }),
  article('brouillon', { draft: true, tags: ['OpenStack'], authors: ['bruno'] }),
];

beforeEach(() => {
  store.current = emptyStore();
});

describe('the tag threshold', () => {
  it('offers a tag feed from TAG_FEED_MIN_ARTICLES published articles', () => {
    expect(TAG_FEED_MIN_ARTICLES).toBe(3);
    expect(offersTagFeed(2)).toBe(false);
    expect(offersTagFeed(3)).toBe(true);
  });
});

describe('feeds per author and per tag', () => {
  it('writes a feed for every author and for every tag with a page; offers the tags from 3 articles only', async () => {
    const { feedRoute, getFeedDirectory } = await feedLayer(magazine());
    const params = async (kind: 'author' | 'tag') => (await feedRoute(kind, 'rss').getStaticPaths({} as never)).map((p) => p.params);
    expect(await params('author')).toEqual([{ id: 'alice' }, { id: 'bruno' }]);
    expect(await params('tag')).toEqual([{ tag: 'openstack' }, { tag: 'kubernetes' }]);
    const directory = await getFeedDirectory();
    expect(directory.filter((f) => f.kind === 'author')).toEqual([
      { kind: 'author', title: 'Alice Martin', pagePath: '/auteurs/alice/', feedPaths: { rss: '/auteurs/alice/rss.xml', atom: '/auteurs/alice/atom.xml', json: '/auteurs/alice/feed.json' } },
      { kind: 'author', title: 'Bruno Petit', pagePath: '/auteurs/bruno/', feedPaths: { rss: '/auteurs/bruno/rss.xml', atom: '/auteurs/bruno/atom.xml', json: '/auteurs/bruno/feed.json' } },
    ]);
    // Kubernetes has two published articles: its feed exists, it is not offered.
    expect(directory.filter((f) => f.kind === 'tag')).toEqual([
      { kind: 'tag', title: 'OpenStack', pagePath: '/tags/openstack/', feedPaths: { rss: '/tags/openstack/rss.xml', atom: '/tags/openstack/atom.xml', json: '/tags/openstack/feed.json' } },
    ]);
    expect(directory.map((f) => f.kind)).toEqual(['main', 'edition', 'category', 'author', 'author', 'tag']);
  });

  it('a tag that falls below the threshold keeps its feed file (a subscriber’s reader keeps working) but is no longer offered', async () => {
    const articles = magazine();
    articles[0] = article('un', { publishedAt: '2016-05-10T08:00:00+02:00', tags: [], authors: ['alice'] });
    const { feedRoute, getFeed, getFeedDirectory } = await feedLayer(articles);
    expect((await feedRoute('tag', 'rss').getStaticPaths({} as never)).map((p) => p.params)).toContainEqual({ tag: 'openstack' });
    expect((await getFeedDirectory()).filter((f) => f.kind === 'tag')).toEqual([]);
    expect(slugsOf(feedparser(await getFeed('tag', 'openstack', 'rss')).entries)).toEqual(['trois', 'deux']);
  });

  it('carries every published article of the tag or author, newest first, whole, and reads without error', async () => {
    const { getFeed } = await feedLayer(magazine());
    const tag = feedparser(await getFeed('tag', 'openstack', 'rss'));
    expect(tag.bozo).toBe(false);
    expect(tag.version).toBe('rss20');
    expect(tag.feed.title).toBe('OpenStack — La Gazette de Test');
    expect(tag.feed.link).toBe(`${ORIGIN}/tags/openstack/`);
    expect(slugsOf(tag.entries)).toEqual(['trois', 'deux', 'un']);
    expect(tag.entries[0]!.content).toEqual(['<p>Texte entier de trois.</p>']);

    const bruno = feedparser(await getFeed('author', 'bruno', 'atom'));
    expect(bruno.bozo).toBe(false);
    expect(bruno.version).toBe('atom10');
    expect(bruno.feed.title).toBe('Bruno Petit — La Gazette de Test');
    expect(bruno.feed.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `${ORIGIN}/auteurs/bruno/atom.xml` }));
    // The draft is his too: never in a feed.
    expect(slugsOf(bruno.entries)).toEqual(['deux']);

    const alice = JSON.parse(await getFeed('author', 'alice', 'json')) as { feed_url: string; items: { url: string }[] };
    expect(alice.feed_url).toBe(`${ORIGIN}/auteurs/alice/feed.json`);
    expect(slugsOf(alice.items.map((i) => ({ link: i.url })))).toEqual(['quatre', 'trois', 'deux', 'un']);
  });

  it('carries the newest MAIN_FEED_LIMIT articles of an author or a tag, like the magazine’s feed; a rubrique’s, all', async () => {
    const many = Array.from({ length: MAIN_FEED_LIMIT + 2 }, (_, i) =>
      article(`article-${String(i).padStart(2, '0')}`, { publishedAt: new Date(Date.UTC(2016, 0, 1 + i, 8)).toISOString(), tags: ['OpenStack'], authors: ['alice'] }),
    );
    const { getFeed } = await feedLayer(many);
    const newest = many.map((a) => a.id).reverse();
    for (const [kind, id] of [['tag', 'openstack'], ['author', 'alice']] as const) {
      const items = (JSON.parse(await getFeed(kind, id, 'json')) as { items: { url: string }[] }).items;
      expect(slugsOf(items.map((i) => ({ link: i.url }))), `${kind} ${id}`).toEqual(newest.slice(0, MAIN_FEED_LIMIT));
    }
    expect((JSON.parse(await getFeed('category', 'cloud', 'json')) as { items: unknown[] }).items).toHaveLength(MAIN_FEED_LIMIT + 2);
  });

  it('keys each feed by what it is written from: an article changes the keys of its own tags and authors only', async () => {
    const keys = async (articles: Store['articles']) => {
      const { feedRoute } = await feedLayer(articles);
      const of = async (kind: 'author' | 'tag') =>
        Object.fromEntries((await feedRoute(kind, 'rss').getStaticPaths({} as never)).map((p) => [Object.values(p.params)[0], p.cacheKey as string]));
      return { ...(await of('author')), ...(await of('tag')) };
    };
    const before = await keys(magazine());
    const again = await keys(magazine());
    expect(again).toEqual(before);
    const retitled = magazine();
    retitled[3] = article('quatre', { publishedAt: '2016-05-13T08:00:00+02:00', tags: ['Kubernetes'], authors: ['alice'], title: 'Un autre titre' });
    const after = await keys(retitled);
    // « quatre » is Alice's and Kubernetes's: their feeds change; Bruno's and OpenStack's do not.
    expect(after.alice).not.toBe(before.alice);
    expect(after.kubernetes).not.toBe(before.kubernetes);
    expect(after.bruno).toBe(before.bruno);
    expect(after.openstack).toBe(before.openstack);
  });
});

describe('WebSub', () => {
  const site = (yaml: Record<string, unknown>) => ({ build: [{ id: 'context', data: buildContext({ name: 'La Gazette de Test', url: ORIGIN, ...yaml }) }] });

  it('names the hub of site.yaml in every format of every feed', async () => {
    const { getFeed, getMainFeed } = await feedLayer(magazine(), site({ websub: { hub: HUB } }));
    for (const xml of [await getMainFeed('rss'), await getFeed('tag', 'openstack', 'rss'), await getFeed('author', 'alice', 'atom'), await getFeed('category', 'cloud', 'atom')]) {
      const parsed = feedparser(xml);
      expect(parsed.bozo).toBe(false);
      expect(parsed.feed.links).toContainEqual(expect.objectContaining({ rel: 'hub', href: HUB }));
      expect(parsed.feed.links).toContainEqual(expect.objectContaining({ rel: 'self' }));
    }
    expect(await getMainFeed('rss')).toContain(`<atom:link href="${HUB}" rel="hub"/>`);
    for (const json of [await getMainFeed('json'), await getFeed('author', 'bruno', 'json')]) {
      expect((JSON.parse(json) as { hubs?: unknown }).hubs).toEqual([{ type: 'WebSub', url: HUB }]);
    }
  });

  it('names no hub when site.yaml has none', async () => {
    const { getFeed, getMainFeed } = await feedLayer(magazine());
    for (const xml of [await getMainFeed('rss'), await getMainFeed('atom'), await getFeed('tag', 'openstack', 'rss')]) {
      expect(feedparser(xml).feed.links.map((l) => l.rel)).not.toContain('hub');
      expect(xml).not.toContain('rel="hub"');
    }
    expect(JSON.parse(await getFeed('author', 'alice', 'json'))).not.toHaveProperty('hubs');
  });
});
