import { describe, it, expect } from 'vitest';
import { statusAt } from '../../src/lib/publishing.ts';

const now = new Date('2016-05-12T08:00:00+02:00');
const past = new Date('2016-05-01T08:00:00+02:00');
const future = new Date('2016-06-01T08:00:00+02:00');

describe('statusAt', () => {
  it('is published for a past article', () => {
    expect(statusAt({ publishedAt: past }, now)).toBe('published');
    expect(statusAt({ publishedAt: past, draft: false }, now)).toBe('published');
  });

  it('is published at the exact publication instant', () => {
    expect(statusAt({ publishedAt: new Date(now) }, now)).toBe('published');
  });

  it('is scheduled one millisecond before, and for any future non-draft', () => {
    expect(statusAt({ publishedAt: new Date(now.getTime() + 1) }, now)).toBe('scheduled');
    expect(statusAt({ publishedAt: future }, now)).toBe('scheduled');
  });

  it('is draft for drafts, whatever their dates', () => {
    expect(statusAt({ publishedAt: past, draft: true }, now)).toBe('draft');
    expect(statusAt({ publishedAt: future, draft: true }, now)).toBe('draft');
    expect(statusAt({ publishedAt: past, expiresAt: past, draft: true }, now)).toBe('draft');
  });

  it('compares instants, not wall-clock times in different offsets', () => {
    // 07:00 UTC is 09:00 in Paris: after 08:00+02:00.
    expect(statusAt({ publishedAt: new Date('2016-05-12T07:00:00Z') }, now)).toBe('scheduled');
    expect(statusAt({ publishedAt: new Date('2016-05-12T05:59:59Z') }, now)).toBe('published');
  });

  it('is expired from the exact instant of expiresAt, published until then', () => {
    expect(statusAt({ publishedAt: past, expiresAt: now }, now)).toBe('expired');
    expect(statusAt({ publishedAt: past, expiresAt: new Date(now.getTime() + 1) }, now)).toBe('published');
    // Not out yet: scheduled, even with an expiry date ahead.
    expect(statusAt({ publishedAt: future, expiresAt: new Date('2016-07-01T08:00:00+02:00') }, now)).toBe('scheduled');
  });

  it('throws on an invalid date instead of guessing', () => {
    expect(() => statusAt({ publishedAt: new Date('nope') }, now)).toThrow(RangeError);
    expect(() => statusAt({ publishedAt: past }, new Date('nope'))).toThrow(RangeError);
    expect(() => statusAt({ publishedAt: past, expiresAt: new Date('nope') }, now)).toThrow(RangeError);
  });
});
