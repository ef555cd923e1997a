import { describe, it, expect } from 'vitest';
import { relatedRanker, type RelatedOptions } from '../../src/lib/related.ts';

const d = (day: number) => new Date(Date.UTC(2016, 4, day, 6));
interface A {
  slug: string;
  publishedAt: Date;
  category: string;
  tags?: string[];
  series?: string;
}
const a = (slug: string, day: number, category: string, extra: Partial<A> = {}): A => ({ slug, publishedAt: d(day), category, ...extra });
const slugs = (list: A[]) => list.map((x) => x.slug);
/** One article ranked among `all`. */
const relatedArticles = (article: A, all: A[], options?: RelatedOptions) => relatedRanker(all)(article, options);

const current = a('current', 15, 'cloud', { tags: ['OpenStack', 'cloud souverain'], series: 'un-an-apres' });

describe('relatedArticles', () => {
  it('ranks same series, then shared tags, then same category', () => {
    const all = [
      a('same-category', 20, 'cloud'),
      a('shared-tag', 1, 'securite', { tags: ['openstack'] }),
      a('same-series', 2, 'securite', { series: 'un-an-apres' }),
      a('unrelated', 25, 'mobile', { tags: ['Android'] }),
    ];
    expect(slugs(relatedArticles(current, all))).toEqual(['same-series', 'shared-tag', 'same-category']);
  });

  it('never returns the article itself', () => {
    const all = [current, a('other', 1, 'cloud')];
    expect(slugs(relatedArticles(current, all))).toEqual(['other']);
  });

  it('orders by number of shared tags, then newest first', () => {
    const all = [
      a('one-tag-new', 10, 'x', { tags: ['OpenStack'] }),
      a('two-tags-old', 1, 'x', { tags: ['openstack', 'Cloud souverain'] }),
      a('one-tag-newer', 12, 'x', { tags: ['cloud souverain'] }),
    ];
    expect(slugs(relatedArticles(current, all))).toEqual(['two-tags-old', 'one-tag-newer', 'one-tag-new']);
  });

  it('orders newest first within the series and the category groups', () => {
    const all = [
      a('ep-old', 1, 'x', { series: 'un-an-apres' }),
      a('ep-new', 9, 'x', { series: 'un-an-apres' }),
      a('cat-old', 2, 'cloud'),
      a('cat-new', 8, 'cloud'),
    ];
    expect(slugs(relatedArticles(current, all))).toEqual(['ep-new', 'ep-old', 'cat-new', 'cat-old']);
  });

  it('matches tags as their tag pages do (case and accents ignored)', () => {
    const article = a('x', 1, 'c1', { tags: ['Cybersécurité'] });
    const all = [a('y', 2, 'c2', { tags: ['cybersecurite'] })];
    expect(slugs(relatedArticles(article, all))).toEqual(['y']);
  });

  it('counts an article once, in its best group', () => {
    const all = [a('both', 3, 'cloud', { tags: ['OpenStack'], series: 'un-an-apres' }), a('cat', 9, 'cloud')];
    expect(slugs(relatedArticles(current, all))).toEqual(['both', 'cat']);
  });

  it('deduplicates repeated entries', () => {
    const dup = a('dup', 3, 'cloud');
    expect(slugs(relatedArticles(current, [dup, dup, { ...dup }]))).toEqual(['dup']);
  });

  it('respects the limit (default 4)', () => {
    const all = Array.from({ length: 10 }, (_, i) => a(`c${i}`, i + 1, 'cloud'));
    expect(relatedArticles(current, all)).toHaveLength(4);
    expect(slugs(relatedArticles(current, all, { limit: 2 }))).toEqual(['c9', 'c8']);
    expect(relatedArticles(current, all, { limit: 0 })).toEqual([]);
    expect(relatedArticles(current, all, { limit: -1 })).toEqual([]);
  });

  it('does not match on an absent series', () => {
    const noSeries = a('solo', 1, 'a');
    const all = [a('other-solo', 2, 'b')];
    expect(relatedArticles(noSeries, all)).toEqual([]);
  });

  it('is deterministic whatever the input order', () => {
    const all = [
      a('t1', 5, 'x', { tags: ['OpenStack'] }),
      a('t2', 5, 'x', { tags: ['OpenStack'] }),
      a('c1', 5, 'cloud'),
      a('c2', 5, 'cloud'),
      a('s1', 5, 'x', { series: 'un-an-apres' }),
    ];
    const expected = ['s1', 't1', 't2', 'c1'];
    expect(slugs(relatedArticles(current, all))).toEqual(expected);
    expect(slugs(relatedArticles(current, [...all].reverse()))).toEqual(expected);
  });

  it('returns the caller objects and leaves the input alone', () => {
    const all = [a('b', 1, 'cloud'), a('a', 2, 'cloud')];
    const copy = [...all];
    const result = relatedArticles(current, all);
    expect(result[0]).toBe(all[1]);
    expect(all).toEqual(copy);
  });

  it('keeps, of many candidates, the same best ones as ranking them all would (series, shared tags, rubrique, newest)', () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const tags = ['OpenStack', 'Cloud souverain', 'Android', 'RGPD', 'Cloud', 'IA'];
    const all = Array.from({ length: 300 }, (_, i) =>
      a(`a-${i}`, 1 + rnd(28), ['cloud', 'securite', 'mobile'][rnd(3)]!, {
        tags: Array.from({ length: rnd(4) }, () => tags[rnd(tags.length)]!),
        ...(rnd(10) === 0 ? { series: 'un-an-apres' } : {}),
      }),
    );
    const own = new Set(current.tags!.map((t) => t.toLowerCase()));
    const rank = (x: A) => {
      const shared = new Set((x.tags ?? []).map((t) => t.toLowerCase()).filter((t) => own.has(t))).size;
      return [x.series === current.series ? 1 : shared > 0 ? 2 : x.category === current.category ? 3 : 4, -shared, -x.publishedAt.getTime()] as const;
    };
    const expected = all
      .filter((x) => rank(x)[0] < 4)
      .sort((x, y) => {
        const [p, q] = [rank(x), rank(y)];
        return p[0] - q[0] || (p[0] === 2 ? p[1] - q[1] : 0) || p[2] - q[2] || (x.slug < y.slug ? -1 : 1);
      });
    for (const limit of [1, 4, 10]) expect(slugs(relatedArticles(current, all, { limit }))).toEqual(slugs(expected.slice(0, limit)));
  });
});

describe('relatedRanker', () => {
  it('leaves out the slugs it is asked to (what the body already recommends)', () => {
    const all = [a('same-category', 20, 'cloud'), a('shared-tag', 1, 'securite', { tags: ['openstack'] }), a('same-series', 2, 'securite', { series: 'un-an-apres' })];
    const rank = relatedRanker(all);
    expect(slugs(rank(current, { exclude: ['same-series'] }))).toEqual(['shared-tag', 'same-category']);
    expect(slugs(rank(current, { exclude: ['shared-tag'], limit: 1 }))).toEqual(['same-series']);
  });

  it('ranks each article of one archive on its own: what an earlier ranking counted is not carried over', () => {
    const all = [a('tagged', 9, 'mobile', { tags: ['OpenStack'] }), a('tagged-cloud', 8, 'cloud', { tags: ['OpenStack'] }), a('plain', 1, 'cloud')];
    const rank = relatedRanker(all);
    expect(slugs(rank(current))).toEqual(['tagged', 'tagged-cloud', 'plain']);
    // Shares no tag with either: both cloud articles by the rubrique alone, newest first.
    expect(slugs(rank(a('other', 5, 'cloud')))).toEqual(['tagged-cloud', 'plain']);
    expect(slugs(rank(current, { limit: 2 }))).toEqual(['tagged', 'tagged-cloud']);
  });
});
