import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { headersUnderBase } from '../../src/publish/headers-file.ts';
import { headersFor, parseHeadersFile } from '../helpers/serve.ts';

const text = readFileSync(path.resolve(import.meta.dirname, '../../public/_headers'), 'utf8');

describe('headersUnderBase', () => {
  it('leaves public/_headers unchanged for a site at the root', () => {
    expect(headersUnderBase(text, '/')).toBe(text);
  });

  it('moves every path pattern under the base, and only the patterns', () => {
    const moved = parseHeadersFile(headersUnderBase(text, '/magazine/'));
    const original = parseHeadersFile(text);
    expect(moved.map((r) => r.pattern)).toEqual(original.map((r) => `/magazine${r.pattern}`));
    expect(moved.map((r) => r.headers)).toEqual(original.map((r) => r.headers));
  });

  it('gives pages under the base their headers, and immutable caching to the hashed files', () => {
    const rules = parseHeadersFile(headersUnderBase(text, '/magazine/'));
    expect(headersFor(rules, '/magazine/articles/x/').get('X-Frame-Options')).toEqual(['DENY']);
    expect(headersFor(rules, '/magazine/_astro/a.css').get('Cache-Control')?.[0]).toMatch(/immutable/);
    expect(headersFor(rules, '/magazine/_images/a.avif').get('Cache-Control')?.[0]).toMatch(/immutable/);
    expect(headersFor(rules, '/articles/x/').size).toBe(0);
  });
});
