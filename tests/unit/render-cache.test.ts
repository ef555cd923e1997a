/** The render cache (src/render/cache.ts) publishes only what this machine's builds wrote into it. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenderedBody } from '../../src/render/article.ts';
import { cacheSecret, RenderCache } from '../../src/render/cache.ts';

const body: RenderedBody = { html: '<p>Texte.</p>', feedHtml: '<p>Texte.</p>', headings: [], words: 1 } as unknown as RenderedBody;
const KEY = 'ab'.repeat(32);
const secret = Buffer.from('un secret de test, hors du cache');

function cacheWith(entry: RenderedBody) {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-render-cache-'));
  new RenderCache(root, secret).set(KEY, entry);
  return { root, file: path.join(root, 'bodies', KEY.slice(0, 2), `${KEY}.bin`) };
}

describe('RenderCache', () => {
  it('gives back what a build of this machine stored', () => {
    const { root } = cacheWith(body);
    const cache = new RenderCache(root, secret);
    expect(cache.get(KEY)).toEqual(body);
    expect(cache.notices).toEqual([]);
  });

  it('ignores, with one notice, an entry whose HTML was edited in the cache folder (a script, an onerror)', () => {
    const { root, file } = cacheWith(body);
    // The payload edited, its signature left as it was.
    const bytes = readFileSync(file);
    const edited = bytes.toString('latin1').replace('<p>Texte.</p>', '<p>Texte.</p><script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(edited).toContain('<script>');
    writeFileSync(file, Buffer.from(edited, 'latin1'));
    const cache = new RenderCache(root, secret);
    expect(cache.get(KEY)).toBeUndefined();
    expect(cache.notices).toHaveLength(1);
    expect(cache.notices[0]).toMatch(/^cache de rendu : entrée ignorée \(ab\/(ab)+\.bin\), illisible ou sans signature valide ; l’article est rendu à nouveau$/);
  });

  it('ignores an entry written whole by someone without the secret, and a truncated one', () => {
    const forged = cacheWith({ ...body, html: '<script>alert(1)</script>' });
    const cache = new RenderCache(forged.root, Buffer.from('un autre secret'));
    expect(cache.get(KEY)).toBeUndefined();
    writeFileSync(forged.file, readFileSync(forged.file).subarray(0, 40));
    expect(cache.get(KEY)).toBeUndefined();
    expect(cache.notices).toHaveLength(2);
  });

  it('names the first five unusable entries, then says how many more (a new key on CI makes them all unusable)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-render-cache-'));
    const keys = Array.from({ length: 8 }, (_, i) => String(i).repeat(64));
    const old = new RenderCache(root, Buffer.from('la clé d’avant'));
    for (const key of keys.slice(0, 7)) old.set(key, body);
    // Signed with this key, but not a rendered body: not used either.
    new RenderCache(root, secret).set(keys[7]!, {} as RenderedBody);
    const cache = new RenderCache(root, secret);
    for (const key of keys) expect(cache.get(key)).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([0, 8]);
    expect(cache.notices).toHaveLength(6);
    expect(cache.notices[5]).toBe('cache de rendu : 3 autres entrées ignorées de même ; leurs articles sont rendus à nouveau');
  });

  it('takes its secret from ROTATIVE_CACHE_KEY, else from a key file outside the cache folder, made once', () => {
    expect(cacheSecret({ ROTATIVE_CACHE_KEY: 'clé' }).toString()).toBe('clé');
    const config = mkdtempSync(path.join(tmpdir(), 'rotative-config-'));
    const first = cacheSecret({ XDG_CONFIG_HOME: config });
    expect(first.length).toBe(32);
    expect(cacheSecret({ XDG_CONFIG_HOME: config })).toEqual(first);
    expect(readFileSync(path.join(config, 'rotative', 'cache-key'), 'utf8').trim()).toBe(first.toString('base64url'));
  });
});
