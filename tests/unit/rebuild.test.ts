import { describe, expect, it } from 'vitest';
import { groupEditions } from '../../src/lib/editions.ts';
import { articlesForNewsSitemap } from '../../src/lib/news.ts';
import { statusAt } from '../../src/lib/publishing.ts';
import { rebuildFileFor, rebuildSchedule, type TimedArticle } from '../../src/lib/rebuild.ts';

const NOW = new Date('2026-11-28T12:00:00+01:00');
const d = (iso: string) => new Date(iso);

describe('rebuildSchedule', () => {
  it('gives the earliest future change first, with its reason and slug', () => {
    const articles: TimedArticle[] = [
      { slug: 'episode-3', publishedAt: d('2026-12-03T08:00:00+01:00') },
      { slug: 'hier', publishedAt: d('2026-11-27T18:00:00+01:00') },
      { slug: 'vieux', publishedAt: d('2026-10-01T08:00:00+02:00') },
    ];
    const schedule = rebuildSchedule(articles, NOW);
    expect(schedule.next).toBe('2026-11-29T17:00:00.000Z');
    expect(schedule.reasons).toEqual([
      { at: '2026-11-29T17:00:00.000Z', why: 'leaves-news-sitemap', slug: 'hier' },
      { at: '2026-11-29T23:00:00.000Z', why: 'edition-closes', slug: '2026-S48' },
      { at: '2026-12-03T07:00:00.000Z', why: 'published', slug: 'episode-3' },
      { at: '2026-12-05T07:00:00.000Z', why: 'leaves-news-sitemap', slug: 'episode-3' },
      { at: '2026-12-06T23:00:00.000Z', why: 'edition-closes', slug: '2026-S49' },
    ]);
  });

  it('reads the expiry and the end of a live coverage when an article has them', () => {
    const schedule = rebuildSchedule(
      [
        { slug: 'embargo', publishedAt: d('2026-11-01T08:00:00+01:00'), expiresAt: d('2026-11-30T00:00:00+01:00') },
        { slug: 'direct', publishedAt: d('2026-11-20T09:00:00+01:00'), liveEnd: d('2026-11-28T18:00:00+01:00') },
      ],
      NOW,
    );
    expect(schedule.reasons).toEqual([
      { at: '2026-11-28T17:00:00.000Z', why: 'live-ends', slug: 'direct' },
      { at: '2026-11-29T23:00:00.000Z', why: 'expires', slug: 'embargo' },
    ]);
  });

  it('leaves out what happens after an article is withdrawn', () => {
    const schedule = rebuildSchedule(
      [{ slug: 'bref', publishedAt: d('2026-11-28T08:00:00+01:00'), expiresAt: d('2026-11-28T20:00:00+01:00'), liveEnd: d('2026-11-29T08:00:00+01:00') }],
      NOW,
    );
    expect(schedule.reasons).toEqual([{ at: '2026-11-28T19:00:00.000Z', why: 'expires', slug: 'bref' }]);
  });

  it('says nothing is due when no date lies ahead', () => {
    expect(rebuildSchedule([{ slug: 'vieux', publishedAt: d('2026-01-01T08:00:00+01:00') }], NOW)).toEqual({ next: null, reasons: [] });
    expect(rebuildSchedule([], NOW)).toEqual({ next: null, reasons: [] });
  });

  it('names moments at which the publishing and news-sitemap rules really change their answer', () => {
    const article = { slug: 'a', publishedAt: d('2026-11-28T15:00:00+01:00') };
    const [publish, leave] = rebuildSchedule([article], NOW)
      .reasons.filter((r) => r.why !== 'edition-closes')
      .map((r) => new Date(r.at));
    const justBefore = (t: Date) => new Date(t.getTime() - 1);
    expect(statusAt(article, justBefore(publish!))).toBe('scheduled');
    expect(statusAt(article, publish!)).toBe('published');
    expect(articlesForNewsSitemap([article], justBefore(leave!))).toHaveLength(1);
    expect(articlesForNewsSitemap([article], leave!)).toHaveLength(0);
  });

  it('names the end of the week of an edition in progress, once, when its edition flips from « en cours » to finished', () => {
    const week = [
      { slug: 'lundi', publishedAt: d('2026-11-23T08:00:00+01:00') },
      { slug: 'samedi', publishedAt: d('2026-11-28T09:00:00+01:00') },
    ];
    const closes = rebuildSchedule(week, NOW).reasons.filter((r) => r.why === 'edition-closes');
    expect(closes).toEqual([{ at: '2026-11-29T23:00:00.000Z', why: 'edition-closes', slug: '2026-S48' }]);
    const at = new Date(closes[0]!.at);
    const edition = (t: Date) => groupEditions(week.map((a) => ({ ...a, category: { id: 'cloud' } })), ['cloud'], t)[0]!;
    expect(edition(new Date(at.getTime() - 1)).current).toBe(true);
    expect(edition(at).current).toBe(false);
    // A week whose only article is withdrawn before Sunday night has no edition left to close.
    const withdrawn = [{ slug: 'bref', publishedAt: d('2026-11-27T08:00:00+01:00'), expiresAt: d('2026-11-28T20:00:00+01:00') }];
    expect(rebuildSchedule(withdrawn, NOW).reasons.map((r) => r.why)).toEqual(['expires']);
    // A finished week closes no more.
    expect(rebuildSchedule([{ slug: 'avant', publishedAt: d('2026-11-20T08:00:00+01:00') }], NOW).reasons).toEqual([]);
  });

  it('refuses an invalid date rather than forgetting a rebuild', () => {
    expect(() => rebuildSchedule([{ slug: 'x', publishedAt: new Date('nope') }], NOW)).toThrow(/publishedAt of x/);
  });
});

describe('rebuildFileFor', () => {
  it('puts the file beside the output folder, not inside it', () => {
    expect(rebuildFileFor('/srv/site/dist')).toBe('/srv/site/dist.rebuild.json');
    expect(rebuildFileFor('/srv/site/dist/')).toBe('/srv/site/dist.rebuild.json');
  });
});
