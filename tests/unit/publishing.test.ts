import { describe, it, expect } from 'vitest';
import { isPublished, isScheduled, partitionByStatus } from '../../src/lib/publishing.ts';

const now = new Date('2016-05-12T08:00:00+02:00');
const past = new Date('2016-05-01T08:00:00+02:00');
const future = new Date('2016-06-01T08:00:00+02:00');

describe('isPublished', () => {
  it('is true for a past article', () => {
    expect(isPublished({ publishedAt: past }, { now })).toBe(true);
    expect(isPublished({ publishedAt: past, draft: false }, { now })).toBe(true);
  });

  it('is true at the exact publication instant', () => {
    expect(isPublished({ publishedAt: new Date(now) }, { now })).toBe(true);
  });

  it('is false one millisecond before', () => {
    expect(isPublished({ publishedAt: new Date(now.getTime() + 1) }, { now })).toBe(false);
  });

  it('is false for drafts, even in the past', () => {
    expect(isPublished({ publishedAt: past, draft: true }, { now })).toBe(false);
  });

  it('compares instants, not wall-clock times in different offsets', () => {
    // 07:00 UTC is 09:00 in Paris: after 08:00+02:00.
    expect(isPublished({ publishedAt: new Date('2016-05-12T07:00:00Z') }, { now })).toBe(false);
    expect(isPublished({ publishedAt: new Date('2016-05-12T05:59:59Z') }, { now })).toBe(true);
  });

  it('throws on an invalid date instead of guessing', () => {
    expect(() => isPublished({ publishedAt: new Date('nope') }, { now })).toThrow(RangeError);
    expect(() => isPublished({ publishedAt: past }, { now: new Date('nope') })).toThrow(RangeError);
  });
});

describe('isScheduled', () => {
  it('is true for a future non-draft', () => {
    expect(isScheduled({ publishedAt: future }, { now })).toBe(true);
  });

  it('is false for past articles and for drafts', () => {
    expect(isScheduled({ publishedAt: past }, { now })).toBe(false);
    expect(isScheduled({ publishedAt: now }, { now })).toBe(false);
    expect(isScheduled({ publishedAt: future, draft: true }, { now })).toBe(false);
  });
});

describe('partitionByStatus', () => {
  const articles = [
    { slug: 'a', publishedAt: past },
    { slug: 'b', publishedAt: future },
    { slug: 'c', publishedAt: past, draft: true },
    { slug: 'd', publishedAt: future, draft: true },
    { slug: 'e', publishedAt: now },
  ];

  it('puts every article in exactly one list, keeping order', () => {
    const { published, scheduled, drafts } = partitionByStatus(articles, { now });
    expect(published.map((a) => a.slug)).toEqual(['a', 'e']);
    expect(scheduled.map((a) => a.slug)).toEqual(['b']);
    expect(drafts.map((a) => a.slug)).toEqual(['c', 'd']);
  });

  it('agrees with isPublished and isScheduled', () => {
    const { published, scheduled } = partitionByStatus(articles, { now });
    expect(published.every((a) => isPublished(a, { now }))).toBe(true);
    expect(scheduled.every((a) => isScheduled(a, { now }))).toBe(true);
  });

  it('keeps the article objects (generic over their shape)', () => {
    const { published } = partitionByStatus(articles, { now });
    expect(published[0]).toBe(articles[0]);
  });

  it('handles an empty list', () => {
    expect(partitionByStatus([], { now })).toEqual({ published: [], scheduled: [], drafts: [] });
  });
});
