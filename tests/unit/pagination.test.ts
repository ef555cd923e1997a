import { describe, it, expect } from 'vitest';
import { pageCount, paginate } from '../../src/lib/pagination.ts';

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

describe('paginate', () => {
  const items = Array.from({ length: 25 }, (_, i) => i);

  it('splits items into pages in order', () => {
    const pages = paginate(items, 10);
    expect(pages.map((p) => p.items)).toEqual([items.slice(0, 10), items.slice(10, 20), items.slice(20)]);
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it('gives totals, first index and neighbours', () => {
    const [first, second, last] = paginate(items, 10);
    expect(first).toMatchObject({ number: 1, totalPages: 3, totalItems: 25, firstIndex: 0, previous: undefined, next: 2 });
    expect(second).toMatchObject({ number: 2, firstIndex: 10, previous: 1, next: 3 });
    expect(last).toMatchObject({ number: 3, firstIndex: 20, previous: 2, next: undefined });
  });

  it('gives exactly one empty page for no item', () => {
    const pages = paginate([], 10);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toEqual({ number: 1, items: [], totalPages: 1, totalItems: 0, firstIndex: 0, previous: undefined, next: undefined });
  });

  it('fills the last page exactly', () => {
    const pages = paginate(items.slice(0, 20), 10);
    expect(pages).toHaveLength(2);
    expect(pages[1]!.items).toHaveLength(10);
  });

  it('does not modify its input', () => {
    const copy = [...items];
    paginate(items, 7);
    expect(items).toEqual(copy);
  });

  it('rejects a bad page size', () => {
    expect(() => paginate(items, 0)).toThrow(RangeError);
  });
});
