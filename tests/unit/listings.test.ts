/** The pure helpers of the index pages: src/lib/listings.ts and the page helpers of src/lib/pagination.ts. */
import { describe, it, expect } from 'vitest';
import { composeFrontPage, groupArticles, groupByMonth, leadFirst, numberEpisodes, sortFrench, summarizeSeries } from '../../src/lib/listings.ts';
import { laterPageNumbers, pageAt, pageFromParam, pageNumbers, pageParam, paginationNav } from '../../src/lib/pagination.ts';
import { categoryPath } from '../../src/lib/urls.ts';

const d = (day: number) => new Date(Date.UTC(2016, 4, day, 6));
const slugs = (list: { slug: string }[]) => list.map((a) => a.slug);

describe('leadFirst', () => {
  it('without « à la une », passes over a newer brief and a newer live blog for the newest full story with a cover', () => {
    const list = [
      { slug: 'brief', cover: {}, readingMinutes: 1 },
      { slug: 'direct', cover: {}, readingMinutes: 4, live: {} },
      { slug: 'story', cover: {}, readingMinutes: 3 },
    ];
    expect(leadFirst(list).lead?.slug).toBe('story');
    // With nothing else, a brief with a cover still leads.
    expect(leadFirst([{ slug: 'brief', cover: {}, readingMinutes: 1 }, { slug: 'plain', readingMinutes: 5 }]).lead?.slug).toBe('brief');
  });

  it('moves the newest article with a cover to the front, keeping the others in order', () => {
    const list = [{ slug: 'a' }, { slug: 'b', cover: {} }, { slug: 'c' }, { slug: 'd', cover: {} }];
    const { lead, ordered } = leadFirst(list);
    expect(lead?.slug).toBe('b');
    expect(slugs(ordered)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('keeps the order when the newest article is the lead', () => {
    const list = [{ slug: 'a', cover: {} }, { slug: 'b' }];
    expect(slugs(leadFirst(list).ordered)).toEqual(['a', 'b']);
  });

  it('has no lead without any cover, and leaves the input alone', () => {
    const list: { slug: string; cover?: object }[] = [{ slug: 'a' }, { slug: 'b' }];
    const { lead, ordered } = leadFirst(list);
    expect(lead).toBeUndefined();
    expect(slugs(ordered)).toEqual(['a', 'b']);
    expect(ordered).not.toBe(list);
    expect(leadFirst([])).toEqual({ lead: undefined, ordered: [] });
  });

  it('leads with the newest article « à la une », even without a cover and before newer covers', () => {
    const list = [{ slug: 'a', cover: {} }, { slug: 'b', une: true }, { slug: 'c', cover: {}, une: true }, { slug: 'd' }];
    const { lead, ordered } = leadFirst(list);
    expect(lead?.slug).toBe('b');
    expect(slugs(ordered)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('falls back to the newest cover when no article is « à la une »', () => {
    const list = [{ slug: 'a', une: false }, { slug: 'b', cover: {}, une: false }];
    expect(leadFirst(list).lead?.slug).toBe('b');
  });
});

describe('pageAt', () => {
  const items = Array.from({ length: 41 }, (_, i) => i);

  it('cuts the list in order, with its neighbours and totals', () => {
    expect(pageAt(items, 20, 1)).toEqual({ number: 1, items: items.slice(0, 20), totalPages: 3, totalItems: 41, firstIndex: 0, previous: undefined, next: 2 });
    expect(pageAt(items, 20, 2)).toEqual({ number: 2, items: items.slice(20, 40), totalPages: 3, totalItems: 41, firstIndex: 20, previous: 1, next: 3 });
    expect(pageAt(items, 20, 3)).toEqual({ number: 3, items: [40], totalPages: 3, totalItems: 41, firstIndex: 40, previous: 2, next: undefined });
    expect(pageAt([], 20, 1)).toEqual({ number: 1, items: [], totalPages: 1, totalItems: 0, firstIndex: 0, previous: undefined, next: undefined });
  });

  it('throws for a page that does not exist', () => {
    expect(() => pageAt(items, 20, 4)).toThrow(RangeError);
    expect(() => pageAt(items, 20, 0)).toThrow(RangeError);
    expect(() => pageAt([], 20, 2)).toThrow(RangeError);
    expect(() => pageAt(items, 20, 1.5)).toThrow(RangeError);
  });
});

describe('pageNumbers / laterPageNumbers', () => {
  it('at the edges: 0, 1, exactly 20 and 21 items', () => {
    expect(pageNumbers(0)).toEqual([1]);
    expect(pageNumbers(1)).toEqual([1]);
    expect(pageNumbers(20)).toEqual([1]);
    expect(pageNumbers(21)).toEqual([1, 2]);
    expect(laterPageNumbers(0)).toEqual([]);
    expect(laterPageNumbers(20)).toEqual([]);
    expect(laterPageNumbers(21)).toEqual([2]);
    expect(laterPageNumbers(61)).toEqual([2, 3, 4]);
  });

  it('takes another page size', () => {
    expect(pageNumbers(5, 2)).toEqual([1, 2, 3]);
  });
});

describe('pageParam / pageFromParam', () => {
  it('gives no parameter for page 1 and page/N after, as urls.ts builds the paths', () => {
    expect(pageParam(1)).toBeUndefined();
    expect(pageParam(2)).toBe('page/2');
    for (const n of [1, 2, 13]) {
      expect(pageFromParam(pageParam(n))).toBe(n);
      expect(`/rubriques/cloud/${pageParam(n) ? `${pageParam(n)}/` : ''}`).toBe(categoryPath('cloud', n));
    }
  });

  it('rejects what is not a page parameter', () => {
    for (const bad of ['page/1', 'page/0', 'page/02', '2', 'page/x', 'pages/2', 'page/2/']) {
      expect(() => pageFromParam(bad), bad).toThrow(RangeError);
    }
  });
});

describe('paginationNav', () => {
  const pathOf = (n: number) => categoryPath('cloud', n);
  const shown = (nav: ReturnType<typeof paginationNav>) =>
    nav?.items.map((i) => ('gap' in i ? '…' : i.current ? `[${i.number}]` : String(i.number))).join(' ');

  it('is absent when the list fits on one page', () => {
    expect(paginationNav(1, 1, pathOf)).toBeUndefined();
  });

  it('links the previous and next pages, never beyond the edges', () => {
    expect(paginationNav(1, 2, pathOf)).toEqual({
      next: '/rubriques/cloud/page/2/',
      items: [
        { number: 1, url: '/rubriques/cloud/', current: true },
        { number: 2, url: '/rubriques/cloud/page/2/', current: false },
      ],
    });
    const last = paginationNav(2, 2, pathOf)!;
    expect(last.previous).toBe('/rubriques/cloud/');
    expect(last.next).toBeUndefined();
  });

  it('shows every page of a short list', () => {
    expect(shown(paginationNav(3, 5, pathOf))).toBe('1 2 [3] 4 5');
  });

  it('keeps the first, the last and two pages each side; a gap stands for two pages or more', () => {
    expect(shown(paginationNav(1, 400, pathOf))).toBe('[1] 2 3 … 400');
    expect(shown(paginationNav(200, 400, pathOf))).toBe('1 … 198 199 [200] 201 202 … 400');
    expect(shown(paginationNav(400, 400, pathOf))).toBe('1 … 398 399 [400]');
    // Page 2 alone between 1 and 3 is shown, not hidden behind « … ».
    expect(shown(paginationNav(5, 10, pathOf))).toBe('1 2 3 4 [5] 6 7 … 10');
  });
});

describe('groupArticles', () => {
  it('groups by every key, keeping order, once per key', () => {
    const list = [
      { slug: 'a', tags: ['x', 'y'] },
      { slug: 'b', tags: ['y'] },
      { slug: 'c', tags: ['x', 'x'] },
      { slug: 'd', tags: [] },
    ];
    const groups = groupArticles(list, (a) => a.tags);
    expect([...groups.keys()]).toEqual(['x', 'y']);
    expect(slugs(groups.get('x')!)).toEqual(['a', 'c']);
    expect(slugs(groups.get('y')!)).toEqual(['a', 'b']);
  });
});

describe('numberEpisodes', () => {
  it('orders episodes for reading and numbers them as the article page does', () => {
    const list = [
      { slug: 'third', publishedAt: d(20) },
      { slug: 'first', publishedAt: d(1), episode: 1 },
      { slug: 'second', publishedAt: d(10), episode: 2 },
    ];
    expect(numberEpisodes(list).map((e) => [e.article.slug, e.number])).toEqual([
      ['first', 1],
      ['second', 2],
      ['third', 3],
    ]);
  });
});

describe('summarizeSeries', () => {
  const series = [{ id: 'calme' }, { id: 'active' }, { id: 'attente' }, { id: 'ancienne' }];
  // Newest first, as the magazine keeps them.
  const articles = [
    { slug: 'a3', publishedAt: d(20), series: { id: 'active' } },
    { slug: 'x', publishedAt: d(15) },
    { slug: 'a2', publishedAt: d(10), series: { id: 'active' } },
    { slug: 'o1', publishedAt: d(5), series: { id: 'ancienne' } },
  ];
  const scheduled = [
    { slug: 'secret', publishedAt: d(25), series: 'active' },
    { slug: 'plus-tard', publishedAt: d(28), series: 'active' },
    { slug: 'annonce', publishedAt: d(26), series: 'attente' },
  ];

  it('counts the published episodes and finds the newest', () => {
    const [active, ancienne] = summarizeSeries(series, articles, scheduled);
    expect(active).toMatchObject({ series: { id: 'active' }, episodeCount: 2, latest: { slug: 'a3' } });
    expect(ancienne).toMatchObject({ series: { id: 'ancienne' }, episodeCount: 1, latest: { slug: 'o1' } });
  });

  it('orders by newest episode, then series with no episode by id', () => {
    expect(summarizeSeries(series, articles, scheduled).map((s) => s.series.id)).toEqual(['active', 'ancienne', 'attente', 'calme']);
  });

  it('gives the date of the soonest scheduled episode, and nothing else of it', () => {
    const summaries = summarizeSeries(series, articles, scheduled);
    const active = summaries.find((s) => s.series.id === 'active')!;
    expect(active.nextEpisodeAt).toEqual(d(25));
    expect(JSON.stringify(active)).not.toContain('secret');
    const attente = summaries.find((s) => s.series.id === 'attente')!;
    expect(attente).toEqual({ series: { id: 'attente' }, episodeCount: 0, nextEpisodeAt: d(26) });
    expect(summaries.find((s) => s.series.id === 'calme')).toEqual({ series: { id: 'calme' }, episodeCount: 0 });
  });
});

describe('groupByMonth', () => {
  const at = (slug: string, iso: string) => ({ slug, publishedAt: new Date(iso) });
  const archive = (list: { slug: string; publishedAt: Date }[]) => groupByMonth(list, (a) => a.publishedAt);

  it('groups by year and month, newest first, keeping the order inside each', () => {
    const list = [
      at('c', '2017-03-02T10:00:00+01:00'),
      at('b2', '2016-05-20T10:00:00+02:00'),
      at('b1', '2016-05-12T10:00:00+02:00'),
      at('a', '2016-01-15T10:00:00+01:00'),
    ];
    const years = archive(list);
    expect(years.map((y) => y.year)).toEqual([2017, 2016]);
    expect(years[1]!.months.map((m) => m.month)).toEqual([5, 1]);
    expect(slugs(years[1]!.articles)).toEqual(['b2', 'b1', 'a']);
    expect(slugs(years[1]!.months[0]!.articles)).toEqual(['b2', 'b1']);
    expect(years[0]!.months).toEqual([{ year: 2017, month: 3, articles: [list[0]] }]);
  });

  it('uses the Paris calendar: 31 December at 23:30 UTC is January of the next year', () => {
    const years = archive([at('nouvel-an', '2016-12-31T23:30:00Z'), at('veille', '2016-12-31T22:30:00Z')]);
    expect(years.map((y) => [y.year, y.months.map((m) => m.month)])).toEqual([
      [2017, [1]],
      [2016, [12]],
    ]);
    // Summer time: 22:30 UTC on 31 May is already 1 June in Paris.
    expect(archive([at('juin', '2016-05-31T22:30:00Z')])[0]!.months[0]!.month).toBe(6);
  });

  it('gives no period without an article, and nothing for an empty list', () => {
    expect(archive([])).toEqual([]);
    const years = archive([at('a', '2016-09-01T10:00:00+02:00'), at('b', '2016-02-01T10:00:00+01:00')]);
    expect(years[0]!.months.map((m) => m.month)).toEqual([9, 2]);
  });
});

describe('sortFrench', () => {
  it('sorts labels as a French reader expects: accents and case do not push a word to the end', () => {
    const labels = ['Zoom', 'économie', 'cloud', 'Éducation', 'Cloud souverain', 'données', 'IA', 'écologie', 'API'];
    expect(sortFrench(labels, (l) => l)).toEqual(['API', 'cloud', 'Cloud souverain', 'données', 'écologie', 'économie', 'Éducation', 'IA', 'Zoom']);
  });

  it('compares numbers by value and leaves the input alone', () => {
    const labels = ['5G', '10 ans', '4G'];
    expect(sortFrench(labels, (l) => l)).toEqual(['4G', '5G', '10 ans']);
    expect(labels).toEqual(['5G', '10 ans', '4G']);
  });
});

describe('composeFrontPage', () => {
  const a = (slug: string, category: string, extra: { cover?: object; live?: object } = {}) => ({ slug, category: { id: category }, ...extra });
  it('sets the lead, the stories with a cover, the live blogs and the briefs apart, then the rest by rubrique, each article once', () => {
    const lead = a('lead', 'cloud', { cover: {} });
    const list = [lead, a('c1', 'cloud', { cover: {} }), a('b1', 'mobile'), a('l1', 'cyber', { live: {}, cover: {} }), a('c2', 'mobile', { cover: {} }), a('c3', 'cloud', { cover: {} }), a('b2', 'cloud'), a('b3', 'cyber')];
    const front = composeFrontPage(list, lead, ['cloud', 'cyber', 'mobile', 'vide'], { top: 2, live: 1, briefs: 2 });
    expect(front.lead?.slug).toBe('lead');
    expect(slugs(front.top)).toEqual(['c1', 'c2']);
    expect(slugs(front.live)).toEqual(['l1']);
    expect(slugs(front.briefs)).toEqual(['b1', 'b2']);
    expect(front.sections.map((s) => [s.category, slugs(s.articles)])).toEqual([
      ['cloud', ['c3']],
      ['cyber', ['b3']],
    ]);
    const shown = [front.lead, ...front.top, ...front.live, ...front.briefs, ...front.sections.flatMap((s) => s.articles)];
    expect(shown).toHaveLength(list.length);
    expect(new Set(shown).size).toBe(list.length);
  });
});
