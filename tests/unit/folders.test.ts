import { describe, expect, it } from 'vitest';
import { isWithin } from '../../src/lib/folders.ts';

describe('isWithin', () => {
  it('is true for the folder itself and anything under it', () => {
    expect(isWithin('/srv/site', '/srv/site')).toBe(true);
    expect(isWithin('/srv/site/dist', '/srv/site')).toBe(true);
    expect(isWithin('/srv/site/a/b/c', '/srv/site')).toBe(true);
  });

  it('is false beside it, above it, and for a name that only starts the same', () => {
    expect(isWithin('/srv/other', '/srv/site')).toBe(false);
    expect(isWithin('/srv', '/srv/site')).toBe(false);
    expect(isWithin('/srv/site-old', '/srv/site')).toBe(false);
    expect(isWithin('/srv/..site', '/srv/site')).toBe(false);
  });
});
