import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cspRules, headersUnderBase, pagePolicy, withCspRules } from '../../src/publish/headers-file.ts';
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

describe('pagePolicy (the policy Astro wrote into a page)', () => {
  const before = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>';
  const meta = '</title><meta http-equiv="content-security-policy" content="';
  /** A page whose policy starts `at` bytes into it (the title padded with « é », two bytes each, and an ASCII byte when odd). */
  const page = (at: number, policy: string) => {
    const pad = at - Buffer.byteLength(before + meta);
    return `${before}${'é'.repeat(Math.floor(pad / 2))}${pad % 2 ? 'x' : ''}${meta}${policy}"></head><body>${'x'.repeat(30_000)}</body></html>`;
  };

  it('finds the policy in a page of any head, and tells a page without one from no page', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rotative-policy-'));
    try {
      // A short head; a policy cut by the end of the first 16 KB read; one far past them.
      for (const [name, at] of [['short', 2_000], ['straddling', 16 * 1024 - 10], ['long', 40_000]] as const) {
        const policy = `script-src 'sha256-${name}'`;
        const text = page(at, policy);
        expect(Buffer.from(text).indexOf(policy), name).toBe(at);
        writeFileSync(path.join(dir, `${name}.html`), text);
        expect(pagePolicy(path.join(dir, `${name}.html`)), name).toBe(policy);
      }
      writeFileSync(path.join(dir, 'none.html'), '<html><head></head><body>x</body></html>');
      expect(pagePolicy(path.join(dir, 'none.html'))).toBeNull();
      expect(pagePolicy(path.join(dir, 'missing.html'))).toBeUndefined();
      mkdirSync(path.join(dir, 'folder.html'));
      expect(pagePolicy(path.join(dir, 'folder.html'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cspRules (Content-Security-Policy per part of the site)', () => {
  const base = "default-src 'self'; script-src 'self' 'sha256-A='; style-src 'self' 'sha256-S1='";
  const pages = [
    { pathname: '', policy: base },
    { pathname: 'articles/a/', policy: base.replace('sha256-S1=', 'sha256-S2=') },
    { pathname: 'articles/b/', policy: base },
    { pathname: 'recherche/', policy: base.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'") },
    { pathname: '404', policy: base },
  ];
  const text = withCspRules(readFileSync(path.resolve(import.meta.dirname, '../../public/_headers'), 'utf8'), cspRules(pages, { files: ['index.html', '404.html', 'rss.xml'], folders: ['articles', 'recherche', '_astro'] }));
  const rules = parseHeadersFile(text);
  const csp = (urlPath: string) => headersFor(rules, urlPath).get('Content-Security-Policy') ?? [];

  it('allows the search page’s WebAssembly under /recherche/ only', () => {
    expect(csp('/recherche/').join(' ')).toContain("'wasm-unsafe-eval'");
    for (const urlPath of ['/', '/articles/a/', '/404.html', '/rss.xml', '/tags/x/']) expect(csp(urlPath).join(' '), urlPath).not.toContain('wasm-unsafe-eval');
  });

  it('gives each page the hashes of its folder, a file at the top what every page allows, and frame-ancestors everywhere', () => {
    for (const urlPath of ['/', '/articles/b/', '/recherche/', '/rss.xml', '/_astro/a.js']) expect(csp(urlPath), urlPath).toHaveLength(1);
    const [articles] = csp('/articles/b/');
    expect(articles).toContain("'sha256-S1='");
    expect(articles).toContain("'sha256-S2='");
    expect(articles).toContain("frame-ancestors 'none'");
    const feed = csp('/rss.xml')[0]!;
    expect(feed).toContain("style-src 'self'");
    expect(feed).not.toContain('sha256-S');
    expect(feed).toContain("'sha256-A='");
    expect(csp('/')[0]).toBe(csp('/index.html')[0]);
    expect(csp('/_astro/a.js')[0]).toBe(`${feed}`);
    // One rule per pattern: /_astro/* keeps its caching, and gets the policy.
    expect(rules.filter((r) => r.pattern === '/_astro/*')).toHaveLength(1);
    expect(headersFor(rules, '/_astro/a.js').get('Cache-Control')?.[0]).toMatch(/immutable/);
  });
});
