import { describe, expect, it } from 'vitest';
import { orderSearchGroups, searchGroupOf } from '../../src/lib/search-groups.ts';

describe('search groups', () => {
  it('puts an article in the year of its publication in Paris, not in UTC', () => {
    expect(searchGroupOf(new Date('2016-12-31T23:30:00Z'))).toBe('2017');
    expect(searchGroupOf(new Date('2016-05-12T08:00:00+02:00'))).toBe('2016');
  });
  it('orders groups newest first, each once', () => {
    expect(orderSearchGroups(['2016', '2024', '2016', '2012'])).toEqual(['2024', '2016', '2012']);
  });
});
