import { describe, it, expect } from 'vitest';
import { pageAt, pageCount } from '../../src/lib/pagination.ts';

describe('pageCount', () => {
  it('rounds up', () => {
    expect(pageCount(10, 10)).toBe(1);
    expect(pageCount(11, 10)).toBe(2);
    expect(pageCount(25, 10)).toBe(3);
  });

  it('is 1 for no item', () => {
    expect(pageCount(0, 10)).toBe(1);
  });

  it('rejects a non-positive or fractional page size', () => {
    expect(() => pageCount(5, 0)).toThrow(RangeError);
    expect(() => pageCount(5, -1)).toThrow(RangeError);
    expect(() => pageCount(5, 2.5)).toThrow(RangeError);
  });
});

describe('pageAt, page after page', () => {
  const items = Array.from({ length: 25 }, (_, i) => i);
  const pages = (list: readonly number[], perPage: number) => Array.from({ length: pageCount(list.length, perPage) }, (_, i) => pageAt(list, perPage, i + 1));

  it('splits items into pages in order', () => {
    const all = pages(items, 10);
    expect(all.map((p) => p.items)).toEqual([items.slice(0, 10), items.slice(10, 20), items.slice(20)]);
    expect(all.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it('gives totals, first index and neighbours', () => {
    const [first, second, last] = pages(items, 10);
    expect(first).toMatchObject({ number: 1, totalPages: 3, totalItems: 25, firstIndex: 0, previous: undefined, next: 2 });
    expect(second).toMatchObject({ number: 2, firstIndex: 10, previous: 1, next: 3 });
    expect(last).toMatchObject({ number: 3, firstIndex: 20, previous: 2, next: undefined });
  });

  it('gives exactly one empty page for no item', () => {
    const all = pages([], 10);
    expect(all).toHaveLength(1);
    expect(all[0]).toEqual({ number: 1, items: [], totalPages: 1, totalItems: 0, firstIndex: 0, previous: undefined, next: undefined });
  });

  it('fills the last page exactly', () => {
    const all = pages(items.slice(0, 20), 10);
    expect(all).toHaveLength(2);
    expect(all[1]!.items).toHaveLength(10);
  });

  it('does not modify its input', () => {
    const copy = [...items];
    pages(items, 7);
    expect(items).toEqual(copy);
  });

  it('rejects a bad page size', () => {
    expect(() => pageAt(items, 0, 1)).toThrow(RangeError);
  });
});
