/**
 * The data layer (src/data/articles.ts) over a data store of entries made
 * through the real schemas (tests/unit/test-utils.ts): what the site lists,
 * in which order, what an article page links to, and the page keys that
 * decide when Astro may reuse a page.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { article, astroContentMock, emptyStore, series, type Store } from './test-utils.ts';

const store = vi.hoisted(() => ({ current: undefined as unknown as Store }));
vi.mock('astro:content', () => ({
  getCollection: (name: keyof Store) => astroContentMock(store.current).getCollection(name),
  getEntry: (name: keyof Store, id: string) => astroContentMock(store.current).getEntry(name, id),
}));

/** The data layer over `articles` (and the store's author, rubrique and site), computed afresh. */
async function dataLayer(articles: Store['articles'], extra: Partial<Store> = {}) {
  store.current = { ...emptyStore(), ...extra, articles };
  vi.resetModules();
  return import('../../src/data/articles.ts');
}

beforeEach(() => {
  store.current = emptyStore();
});

describe('getMagazine', () => {
  it('lists the published articles only, newest first; scheduled ones soonest first, drafts counted', async () => {
    const { getMagazine } = await dataLayer([
      article('ancien', { publishedAt: '2012-09-06T10:00:00+02:00' }),
      article('recent', { publishedAt: '2016-05-12T08:00:00+02:00' }),
      article('brouillon', { draft: true }),
      article('plus-tard', { publishedAt: '2030-01-01T08:00:00+01:00' }),
      article('bientot', { publishedAt: '2027-01-01T08:00:00+01:00' }),
      article('retire', { publishedAt: '2016-01-01T08:00:00+01:00', expiresAt: '2020-01-01T08:00:00+01:00' }),
    ]);
    const mag = await getMagazine();
    expect(mag.articles.map((a) => a.slug)).toEqual(['recent', 'ancien']);
    expect([...mag.bySlug.keys()]).toEqual(['recent', 'ancien']);
    expect(mag.scheduled.map((s) => s.slug)).toEqual(['bientot', 'plus-tard']);
    expect(mag.drafts).toBe(1);
    expect(mag.articles[0]).toMatchObject({ url: '/articles/recent/', category: { id: 'cloud', url: '/rubriques/cloud/' }, authors: [{ id: 'alice', name: 'Alice Martin', url: '/auteurs/alice/' }] });
  });

  it('links a follow-up only to the articles it revisits that are published', async () => {
    const { getMagazine } = await dataLayer([
      article('suite', { publishedAt: '2016-06-01T08:00:00+02:00', revisits: ['origine', 'cache'] }),
      article('origine', { publishedAt: '2012-09-06T10:00:00+02:00' }),
      article('cache', { publishedAt: '2012-01-01T10:00:00+01:00', draft: true }),
    ]);
    expect((await getMagazine()).bySlug.get('suite')!.revisits).toEqual(['origine']);
  });

  it('dates a change by the latest update or correction after publication, and none without one', async () => {
    const { getMagazine } = await dataLayer([
      article('corrige', {
        updatedAt: '2016-05-13T08:00:00+02:00',
        corrections: [
          { at: '2016-05-20T09:30:00+02:00', text: 'Le montant était faux.' },
          { at: '2016-05-14T09:30:00+02:00', text: 'Une faute de nom.' },
        ],
      }),
      article('intact', { publishedAt: '2016-05-11T08:00:00+02:00' }),
    ]);
    const mag = await getMagazine();
    expect(mag.bySlug.get('corrige')!.modifiedAt).toEqual(new Date('2016-05-20T09:30:00+02:00'));
    expect(mag.bySlug.get('intact')!.modifiedAt).toBeUndefined();
  });

  it('makes one tag of two spellings with the same page, named as first written', async () => {
    const { getMagazine } = await dataLayer([
      article('a', { publishedAt: '2016-05-12T08:00:00+02:00', tags: ['Cloud souverain'] }),
      article('b', { publishedAt: '2016-05-11T08:00:00+02:00', tags: ['cloud souverain', 'OpenStack'] }),
    ]);
    const { tags } = await getMagazine();
    expect([...tags.values()]).toEqual([
      { label: 'Cloud souverain', slug: 'cloud-souverain', url: '/tags/cloud-souverain/' },
      { label: 'OpenStack', slug: 'openstack', url: '/tags/openstack/' },
    ]);
  });
});

describe('getArticleContext', () => {
  it('gives an episode its neighbours in the series, and an older article the follow-ups that revisit it', async () => {
    const { getMagazine, getArticleContext } = await dataLayer(
      [
        article('episode-1', { publishedAt: '2016-05-01T08:00:00+02:00', series: 'un-an-apres', episode: 1 }),
        article('episode-2', { publishedAt: '2016-05-08T08:00:00+02:00', series: 'un-an-apres', episode: 2, revisits: ['episode-1'] }),
        article('episode-3', { publishedAt: '2016-05-15T08:00:00+02:00', series: 'un-an-apres', episode: 3 }),
      ],
      { series: [series('un-an-apres', { title: 'Un an après', description: 'Ce que sont devenus les projets.' })] },
    );
    const { bySlug } = await getMagazine();
    const second = await getArticleContext(bySlug.get('episode-2')!);
    expect(second.previousEpisode?.slug).toBe('episode-1');
    expect(second.nextEpisode?.slug).toBe('episode-3');
    expect(second.episodeNumber).toBe(2);
    expect(second.followsUp.map((a) => a.slug)).toEqual(['episode-1']);
    const first = await getArticleContext(bySlug.get('episode-1')!);
    expect(first.previousEpisode).toBeUndefined();
    expect(first.followedBy.map((a) => a.slug)).toEqual(['episode-2']);
  });
});

describe('pageKey: when Astro may reuse a page', () => {
  const listed = () => [article('a', { publishedAt: '2016-05-12T08:00:00+02:00' }), article('b', { publishedAt: '2016-05-11T08:00:00+02:00' })];

  it('is the same for the same magazine, and changes when an article a page lists changes its title', async () => {
    let data = await dataLayer(listed());
    const before = await data.pageKey('rubrique', (await data.getMagazine()).articles);
    data = await dataLayer(listed());
    expect(await data.pageKey('rubrique', (await data.getMagazine()).articles)).toBe(before);
    const retitled = listed();
    retitled[1] = article('b', { publishedAt: '2016-05-11T08:00:00+02:00', title: 'Un autre titre' });
    data = await dataLayer(retitled);
    expect(await data.pageKey('rubrique', (await data.getMagazine()).articles)).not.toBe(before);
  });

  it('changes for every page when the site is renamed', async () => {
    let data = await dataLayer(listed());
    const before = await data.pageKey('home', 1);
    const renamed = emptyStore();
    renamed.build[0]!.data.site.name = 'La Gazette d’Essai';
    data = await dataLayer(listed(), { build: renamed.build });
    expect(await data.pageKey('home', 1)).not.toBe(before);
  });

  it('changes for every page when the code changes: each page’s policy names every inline script and style of the site', async () => {
    let data = await dataLayer(listed());
    const before = await data.pageKey('article', 'a');
    const edited = emptyStore();
    edited.build[0]!.data.code = 'le code, un script du moteur de recherche modifié';
    data = await dataLayer(listed(), { build: edited.build });
    expect(await data.pageKey('article', 'a')).not.toBe(before);
  });

  it('refuses a Map, which JSON would write as {} and so never change the key', async () => {
    const data = await dataLayer(listed());
    await expect(data.pageKey('tags', new Map([['a', 1]]))).rejects.toThrow(/not a Map or a Set/);
  });
});
