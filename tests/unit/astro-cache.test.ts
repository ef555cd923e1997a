/**
 * Astro's cache folder is untrusted input: what the previous build left in
 * it is checked against signatures made with a key the folder does not
 * hold, and what does not match is deleted with one notice (Astro then
 * renders it again). Whole builds: tests/integration/astro-cache.test.ts.
 */
import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSigned, pruneImageCache, signTree, verifyAstroCacheAside, verifyImageCache } from '../../src/publish/restore.ts';

const secret = Buffer.from('a key the cache folder does not hold');

/** The whole check: what is checked at once, then the pages' copies (in a worker thread). */
async function verifyAstroCache(tree: string, key: Buffer) {
  const aside = verifyAstroCacheAside(tree, key);
  const pages = await aside.pages;
  return { notices: [...aside.notices, ...pages.notices], checked: pages.checked };
}

/** A signed tree as a build leaves it: a page, Astro's manifest and data store. */
function signedTree(): string {
  const tree = path.join(mkdtempSync(path.join(tmpdir(), 'rotative-astro-cache-')), 'tree');
  mkdirSync(path.join(tree, 'dist/articles/a'), { recursive: true });
  writeFileSync(path.join(tree, 'dist/articles/a/index.html'), '<!doctype html><title>A</title>');
  writeFileSync(path.join(tree, 'dist/index.html'), '<!doctype html><title>Une</title>');
  writeFileSync(path.join(tree, 'incremental-build.json'), '{"version":1}');
  writeFileSync(path.join(tree, 'data-store.json'), '{}');
  signTree(tree, secret, new Map());
  return tree;
}

describe('Astro’s cache is checked before Astro reads it', () => {
  it('keeps a tree as the previous build signed it, without a word', async () => {
    const tree = signedTree();
    const { notices, checked } = await verifyAstroCache(tree, secret);
    expect(notices).toEqual([]);
    expect([...checked.keys()].sort()).toEqual(['data-store.json', 'dist/articles/a/index.html', 'dist/index.html', 'incremental-build.json']);
  });

  it('deletes a page edited in the cache (a <script> added), with one notice, and keeps the rest', async () => {
    const tree = signedTree();
    appendFileSync(path.join(tree, 'dist/articles/a/index.html'), '<script>alert(1)</script>');
    const { notices } = await verifyAstroCache(tree, secret);
    expect(notices).toEqual(['cache des pages : entrée ignorée (dist/articles/a/index.html), modifiée depuis la construction qui l’a écrite ; ce qu’elle gardait est refait']);
    expect(existsSync(path.join(tree, 'dist/articles/a/index.html'))).toBe(false);
    expect(existsSync(path.join(tree, 'dist/index.html'))).toBe(true);
  });

  it('deletes a file no build signed, and Astro’s data store or manifest when edited', async () => {
    const tree = signedTree();
    writeFileSync(path.join(tree, 'dist/articles/a/extra.js'), 'alert(1)');
    writeFileSync(path.join(tree, 'data-store.json'), '{"tampered":true}');
    const { notices } = await verifyAstroCache(tree, secret);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain('(data-store.json), modifiée');
    expect(notices[1]).toContain('(dist/articles/a/extra.js), sans signature');
  });

  it('checks at once what Astro reads before it renders, and the pages’ copies before it may restore one', async () => {
    const tree = signedTree();
    writeFileSync(path.join(tree, 'data-store.json'), '{"tampered":true}');
    appendFileSync(path.join(tree, 'dist/index.html'), '<script>alert(1)</script>');
    const aside = verifyAstroCacheAside(tree, secret);
    // Returned: Astro may start, and read its data store.
    expect(aside.notices).toEqual(['cache des pages : entrée ignorée (data-store.json), modifiée depuis la construction qui l’a écrite ; ce qu’elle gardait est refait']);
    expect(existsSync(path.join(tree, 'data-store.json'))).toBe(false);
    const pages = await aside.pages;
    expect(pages.notices).toEqual(['cache des pages : entrée ignorée (dist/index.html), modifiée depuis la construction qui l’a écrite ; ce qu’elle gardait est refait']);
    expect(existsSync(path.join(tree, 'dist/index.html'))).toBe(false);
    expect([...pages.checked.keys()].sort()).toEqual(['dist/articles/a/index.html', 'incremental-build.json']);
  });

  it('checks the pages’ copies only once the check it is given (the image cache’s) has settled', async () => {
    const tree = signedTree();
    appendFileSync(path.join(tree, 'dist/index.html'), '<script>alert(1)</script>');
    let release!: () => void;
    const after = new Promise<void>((resolve) => (release = resolve));
    const aside = verifyAstroCacheAside(tree, secret, after);
    const waited = await Promise.race([aside.pages.then(() => 'checked'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 1500))]);
    expect(waited).toBe('waiting');
    expect(existsSync(path.join(tree, 'dist/index.html'))).toBe(true);
    release();
    const pages = await aside.pages;
    expect(pages.notices).toEqual(['cache des pages : entrée ignorée (dist/index.html), modifiée depuis la construction qui l’a écrite ; ce qu’elle gardait est refait']);
    expect(existsSync(path.join(tree, 'dist/index.html'))).toBe(false);
  });

  it('distrusts the whole tree when its signatures were made without the key, or edited', async () => {
    for (const tamper of [
      (tree: string) => signTree(tree, Buffer.from('another key'), new Map()),
      (tree: string) => {
        const file = path.join(tree, 'rotative-signatures.json');
        const stored = JSON.parse(readFileSync(file, 'utf8'));
        stored.files['dist/index.html'] = '0'.repeat(64);
        writeFileSync(file, JSON.stringify(stored));
      },
    ]) {
      const tree = signedTree();
      tamper(tree);
      const { notices } = await verifyAstroCache(tree, secret);
      expect(notices).toEqual([`cache des pages : ${tree} ignoré, sans signature valide (écrit par une autre version ou d’ailleurs) ; toutes les pages sont rendues à nouveau`]);
      expect(existsSync(tree)).toBe(false);
    }
  });

  it('deletes a page edited in the cache to the same size with its old modification time put back', async () => {
    const tree = signedTree();
    const page = path.join(tree, 'dist/articles/a/index.html');
    const { mtime } = statSync(page);
    writeFileSync(page, readFileSync(page, 'utf8').replace('<title>A</title>', '<title>B</title>'));
    utimesSync(page, mtime, mtime);
    expect((await verifyAstroCache(tree, secret)).notices).toEqual(['cache des pages : entrée ignorée (dist/articles/a/index.html), modifiée depuis la construction qui l’a écrite ; ce qu’elle gardait est refait']);
    // A page only touched (same bytes) is kept.
    const other = signedTree();
    utimesSync(path.join(other, 'dist/index.html'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect((await verifyAstroCache(other, secret)).notices).toEqual([]);
  });

  it('reads signatures of the earlier format (digests only), without rendering every page again', async () => {
    const tree = signedTree();
    const file = path.join(tree, 'rotative-signatures.json');
    const { files } = JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, string> };
    const mac = createHmac('sha256', secret).update(JSON.stringify(files)).digest('base64url');
    writeFileSync(file, JSON.stringify({ format: 1, files, mac }));
    const { notices, checked } = await verifyAstroCache(tree, secret);
    expect(notices).toEqual([]);
    expect(checked.get('dist/index.html')?.sha).toBe(createHash('sha256').update(readFileSync(path.join(tree, 'dist/index.html'))).digest('hex'));
  });

  it('signs again what the build wrote: a page rendered since the check is hashed anew', async () => {
    const tree = signedTree();
    const { checked } = await verifyAstroCache(tree, secret);
    writeFileSync(path.join(tree, 'dist/index.html'), '<!doctype html><title>Une, nouvelle</title>');
    signTree(tree, secret, checked);
    expect((await verifyAstroCache(tree, secret)).notices).toEqual([]);
  });
});

describe('the image cache is checked before the content pass reads it', () => {
  /** An image cache as a build leaves it: two variants, signed, one of them published by link. */
  function signedImages() {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-image-cache-'));
    const dir = path.join(root, 'images');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'photo-abc-400.avif'), 'octets 400');
    writeFileSync(path.join(dir, 'photo-abc-800.avif'), 'octets 800');
    mkdirSync(path.join(root, 'site'));
    const published = path.join(root, 'site', 'photo-abc-400.avif');
    linkSync(path.join(dir, 'photo-abc-400.avif'), published);
    signTree(dir, secret, new Map());
    return { dir, published };
  }

  it('keeps every file as the previous build signed it, and one restored as a new file with the same bytes', async () => {
    const { dir } = signedImages();
    const bytes = readFileSync(path.join(dir, 'photo-abc-800.avif'));
    rmSync(path.join(dir, 'photo-abc-800.avif'));
    writeFileSync(path.join(dir, 'photo-abc-800.avif'), bytes);
    const { notices, checked } = await verifyImageCache(dir, secret);
    expect(notices).toEqual([]);
    expect([...checked.keys()].sort()).toEqual(['photo-abc-400.avif', 'photo-abc-800.avif']);
  });

  it('deletes an image edited in place in the published site (one file with the cache’s), with one notice', async () => {
    const { dir, published } = signedImages();
    writeFileSync(published, 'retouchée à la main');
    const { notices, checked } = await verifyImageCache(dir, secret);
    expect(notices).toEqual(['cache des images : entrée ignorée (photo-abc-400.avif), modifiée depuis la construction qui l’a écrite ; ce qu’elle gardait est refait']);
    expect(existsSync(path.join(dir, 'photo-abc-400.avif'))).toBe(false);
    expect([...checked.keys()]).toEqual(['photo-abc-800.avif']);
  });

  it('trusts by its name a file no build signed, as a cache from before the signatures, without a word', async () => {
    const { dir } = signedImages();
    writeFileSync(path.join(dir, 'carte-def-og.jpg'), 'une carte');
    expect((await verifyImageCache(dir, secret)).notices).toEqual([]);
    rmSync(path.join(dir, 'rotative-signatures.json'));
    const { notices, checked } = await verifyImageCache(dir, secret);
    expect(notices).toEqual([]);
    expect(checked.size).toBe(3);
    expect(existsSync(path.join(dir, 'carte-def-og.jpg'))).toBe(true);
  });
});

describe('the image cache keeps what the site publishes', () => {
  it('deletes the files this build does not publish, keeps those it does, those made since it started and the signatures', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-image-cache-'));
    const dir = path.join(root, 'images');
    mkdirSync(dir);
    const old = Date.now() / 1000 - 3600;
    for (const name of ['photo-abc-400.avif', 'partage-a-old-og.jpg', 'partage-a-new-og.jpg', 'photo-abc-800.avif.1234-1.tmp']) {
      writeFileSync(path.join(dir, name), 'x'.repeat(10));
      utimesSync(path.join(dir, name), old, old);
    }
    signTree(dir, secret, new Map());
    const since = Date.now();
    // Made by another process (a dev server) since this build started.
    writeFileSync(path.join(dir, 'brouillon-def-400.avif'), 'x');
    utimesSync(path.join(dir, 'brouillon-def-400.avif'), since / 1000 + 1, since / 1000 + 1);
    // Published by an older site: one file with the cache's, which stays in that site.
    mkdirSync(path.join(root, 'site'));
    linkSync(path.join(dir, 'partage-a-old-og.jpg'), path.join(root, 'site', 'partage-a-old-og.jpg'));

    const pruned = pruneImageCache(dir, new Set(['photo-abc-400.avif', 'partage-a-new-og.jpg']), since);
    expect(pruned).toEqual({ files: 2, bytes: 20 });
    expect(readdirSync(dir).sort()).toEqual(['brouillon-def-400.avif', 'partage-a-new-og.jpg', 'photo-abc-400.avif', 'rotative-signatures.json']);
    expect(readFileSync(path.join(root, 'site', 'partage-a-old-og.jpg'), 'utf8')).toBe('x'.repeat(10));
  });
});

describe('a cache another build writes into meanwhile', () => {
  it('passes over a file gone since the folder was listed (a temporary file renamed), in the check and the signatures', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'rotative-image-cache-')), 'images');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'photo-abc-400.avif'), 'octets 400');
    const policy = { label: 'cache des images', unsigned: 'trust' as const };
    const { notices, checked } = checkSigned(dir, ['photo-abc-400.avif', 'photo-abc-800.avif.1234.tmp'], { files: {}, stamps: {} }, policy);
    expect(notices).toEqual([]);
    expect([...checked.keys()]).toEqual(['photo-abc-400.avif']);
    signTree(dir, secret, checked);
    expect((await verifyImageCache(dir, secret)).checked.size).toBe(1);
  });
});
