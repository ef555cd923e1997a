import { describe, it, expect } from 'vitest';
import { adjacentEpisodes, byPublishedDesc, episodesInOrder, sortByPublishedDesc } from '../../src/lib/ordering.ts';

const d = (day: number) => new Date(Date.UTC(2016, 4, day, 6));
const slugs = (list: { slug: string }[]) => list.map((a) => a.slug);

describe('byPublishedDesc / sortByPublishedDesc', () => {
  it('puts the newest first', () => {
    const list = [
      { slug: 'old', publishedAt: d(1) },
      { slug: 'new', publishedAt: d(20) },
      { slug: 'mid', publishedAt: d(10) },
    ];
    expect(slugs(sortByPublishedDesc(list))).toEqual(['new', 'mid', 'old']);
  });

  it('breaks ties by slug ascending, whatever the input order', () => {
    const a = { slug: 'alpha', publishedAt: d(5) };
    const b = { slug: 'beta', publishedAt: d(5) };
    expect(slugs(sortByPublishedDesc([b, a]))).toEqual(['alpha', 'beta']);
    expect(slugs(sortByPublishedDesc([a, b]))).toEqual(['alpha', 'beta']);
    expect(byPublishedDesc(a, b)).toBeLessThan(0);
    expect(byPublishedDesc(a, a)).toBe(0);
  });

  it('ignores updatedAt: an update does not move an old article up', () => {
    const list = [
      { slug: 'old-updated', publishedAt: d(1), updatedAt: d(30) },
      { slug: 'recent', publishedAt: d(10) },
    ];
    expect(slugs(sortByPublishedDesc(list))).toEqual(['recent', 'old-updated']);
  });

  it('does not modify its input', () => {
    const list = [
      { slug: 'a', publishedAt: d(1) },
      { slug: 'b', publishedAt: d(2) },
    ];
    const result = sortByPublishedDesc(list);
    expect(slugs(list)).toEqual(['a', 'b']);
    expect(result).not.toBe(list);
  });

  it('compares slugs by code unit, not by locale', () => {
    const list = [
      { slug: 'b', publishedAt: d(1) },
      { slug: 'a-b', publishedAt: d(1) },
      { slug: 'a', publishedAt: d(1) },
      { slug: 'a2', publishedAt: d(1) },
    ];
    expect(slugs(sortByPublishedDesc(list))).toEqual(['a', 'a-b', 'a2', 'b']);
  });
});

describe('episodesInOrder', () => {
  it('orders numbered episodes by number, not by date', () => {
    const list = [
      { slug: 'e2', publishedAt: d(1), episode: 2 },
      { slug: 'e1', publishedAt: d(9), episode: 1 },
      { slug: 'e10', publishedAt: d(5), episode: 10 },
    ];
    expect(slugs(episodesInOrder(list))).toEqual(['e1', 'e2', 'e10']);
  });

  it('orders unnumbered episodes by date (oldest first)', () => {
    const list = [
      { slug: 'c', publishedAt: d(3) },
      { slug: 'a', publishedAt: d(1) },
      { slug: 'b', publishedAt: d(2) },
    ];
    expect(slugs(episodesInOrder(list))).toEqual(['a', 'b', 'c']);
  });

  it('merges unnumbered episodes among numbered ones by date', () => {
    const list = [
      { slug: 'n1', publishedAt: d(1), episode: 1 },
      { slug: 'n2', publishedAt: d(10), episode: 2 },
      { slug: 'u-mid', publishedAt: d(5) },
      { slug: 'u-late', publishedAt: d(20) },
      { slug: 'u-first', publishedAt: d(0) },
    ];
    expect(slugs(episodesInOrder(list))).toEqual(['u-first', 'n1', 'u-mid', 'n2', 'u-late']);
  });

  it('never contradicts the numbering, even with dates out of order', () => {
    // n1 is dated after n2: the numbers win, and the unnumbered episode
    // (dated between them) still gives a total, deterministic order.
    const list = [
      { slug: 'n2', publishedAt: d(1), episode: 2 },
      { slug: 'n1', publishedAt: d(3), episode: 1 },
      { slug: 'u', publishedAt: d(2) },
    ];
    const ordered = slugs(episodesInOrder(list));
    expect(ordered.indexOf('n1')).toBeLessThan(ordered.indexOf('n2'));
    expect(ordered).toEqual(['u', 'n1', 'n2']);
  });

  it('puts a numbered episode before an unnumbered one of the same date', () => {
    const list = [
      { slug: 'a-unnumbered', publishedAt: d(1) },
      { slug: 'z-numbered', publishedAt: d(1), episode: 1 },
    ];
    expect(slugs(episodesInOrder(list))).toEqual(['z-numbered', 'a-unnumbered']);
  });

  it('breaks ties deterministically (same number: date then slug)', () => {
    const list = [
      { slug: 'b', publishedAt: d(1), episode: 1 },
      { slug: 'a', publishedAt: d(1), episode: 1 },
      { slug: 'c', publishedAt: d(0), episode: 1 },
    ];
    expect(slugs(episodesInOrder(list))).toEqual(['c', 'a', 'b']);
    expect(slugs(episodesInOrder([...list].reverse()))).toEqual(['c', 'a', 'b']);
  });

  it('accepts episode 0 as a number', () => {
    const list = [
      { slug: 'one', publishedAt: d(1), episode: 1 },
      { slug: 'zero', publishedAt: d(2), episode: 0 },
    ];
    expect(slugs(episodesInOrder(list))).toEqual(['zero', 'one']);
  });

  it('returns a new array and handles empty lists', () => {
    const list = [{ slug: 'a', publishedAt: d(1) }];
    expect(episodesInOrder(list)).not.toBe(list);
    expect(episodesInOrder([])).toEqual([]);
  });
});

describe('adjacentEpisodes', () => {
  const list = [
    { slug: 'ep3', publishedAt: d(3), episode: 3 },
    { slug: 'ep1', publishedAt: d(1), episode: 1 },
    { slug: 'ep2', publishedAt: d(2), episode: 2 },
  ];

  it('gives previous and next in episode order', () => {
    const { previous, next } = adjacentEpisodes(list, 'ep2');
    expect(previous?.slug).toBe('ep1');
    expect(next?.slug).toBe('ep3');
  });

  it('has no previous for the first and no next for the last', () => {
    expect(adjacentEpisodes(list, 'ep1')).toEqual({ next: list[2] });
    expect(adjacentEpisodes(list, 'ep3')).toEqual({ previous: list[2] });
    expect('previous' in adjacentEpisodes(list, 'ep1')).toBe(false);
  });

  it('gives nothing for a lone episode or an unknown slug', () => {
    expect(adjacentEpisodes([list[0]!], 'ep3')).toEqual({});
    expect(adjacentEpisodes(list, 'nope')).toEqual({});
  });
});
