/**
 * The nothing-changed check reads no output file that was not written since
 * the record: with 40,000 share-card files at 10,000 articles, reading and
 * hashing the output folder was most of its time.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => [] as string[]);
/** The folders read (readdirSync). */
const listed = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((file: Parameters<typeof fs.readFileSync>[0], ...rest: unknown[]) => {
    reads.push(String(file));
    return (fs.readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  // A file opened to be read through a buffer (the caches' digests) is read too.
  const openSync = ((file: Parameters<typeof fs.openSync>[0], flags?: Parameters<typeof fs.openSync>[1], ...rest: unknown[]) => {
    if (flags === undefined || flags === 'r') reads.push(String(file));
    return (fs.openSync as (...args: unknown[]) => number)(file, flags, ...rest);
  }) as typeof fs.openSync;
  const readdirSync = ((dir: Parameters<typeof fs.readdirSync>[0], ...rest: unknown[]) => {
    listed.push(String(dir));
    return (fs.readdirSync as (...args: unknown[]) => unknown)(dir, ...rest);
  }) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, readFileSync, openSync, readdirSync }, readFileSync, openSync, readdirSync };
});

const { recordOutput, whyRebuild } = await import('../../src/publish/unchanged.ts');
const { fileIdentity } = await import('../../src/publish/stamps.ts');
const { signTree, verifyAstroCacheAside } = await import('../../src/publish/restore.ts');
const { checkBuiltSite } = await import('../../src/publish/site-check.ts');

describe('whyRebuild, output folder', () => {
  it('reads only the files whose stamp is not the recorded one', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-stamps-'));
    const out = path.join(root, 'dist');
    mkdirSync(path.join(out, '_images'), { recursive: true });
    for (let i = 0; i < 20; i++) writeFileSync(path.join(out, '_images', `carte-${i}.jpg`), `octets ${i}`);
    writeFileSync(path.join(out, 'index.html'), '<p>site</p>');
    const record = { version: 4, inputs: 'x', next: null, builtAt: '2026-01-01T00:00:00.000Z', summary: [], ...recordOutput(out, path.join(root, 'cache')) };
    reads.length = 0;
    expect(whyRebuild(record, 'x', new Date('2026-02-01'), out)).toBeUndefined();
    expect(reads.filter((f) => f.startsWith(out))).toEqual([]);
    utimesSync(path.join(out, 'index.html'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(whyRebuild(record, 'x', new Date('2026-02-01'), out)).toBeUndefined();
    expect(reads.filter((f) => f.startsWith(out))).toEqual([path.join(out, 'index.html')]);
  });

  it('records the next site reading only what its build wrote: pages lent by the previous site keep their digest, images are recorded by their stamp', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-stamps-'));
    const out = path.join(root, 'dist');
    const next = path.join(root, 'next');
    for (const dir of [out, next]) mkdirSync(path.join(dir, '_images'), { recursive: true });
    for (let i = 0; i < 5; i++) writeFileSync(path.join(out, `page-${i}.html`), `<p>page ${i}</p>`);
    writeFileSync(path.join(out, '_images', 'carte.jpg'), 'octets');
    writeFileSync(path.join(out, 'index.html'), '<p>site</p>');
    reads.length = 0;
    const previous = recordOutput(out, path.join(root, 'cache'));
    expect(reads.filter((f) => f.startsWith(out)).sort()).toEqual([...[0, 1, 2, 3, 4].map((i) => path.join(out, `page-${i}.html`)), path.join(out, 'index.html')].sort());
    // The next build lends the pages and the image by link, writes its home page, and swaps.
    for (let i = 0; i < 5; i++) linkSync(path.join(out, `page-${i}.html`), path.join(next, `page-${i}.html`));
    linkSync(path.join(out, '_images', 'carte.jpg'), path.join(next, '_images', 'carte.jpg'));
    writeFileSync(path.join(next, 'index.html'), '<p>site corrigé</p>');
    renameSync(out, path.join(root, 'corbeille'));
    renameSync(next, out);
    reads.length = 0;
    const recorded = recordOutput(out, path.join(root, 'cache'), previous);
    expect(reads.filter((f) => f.startsWith(out))).toEqual([path.join(out, 'index.html')]);
    expect(recorded.files['page-3.html']).toBe(previous.files['page-3.html']);
    expect(recorded.files['index.html']).not.toBe(previous.files['index.html']);
    const record = { version: 4, inputs: 'x', next: null, builtAt: '2026-01-01T00:00:00.000Z', summary: [], ...recorded };
    expect(whyRebuild(record, 'x', new Date('2026-02-01'), out)).toBeUndefined();
    // A page only touched still stands (its bytes are read); an image whose stamp moved does not.
    utimesSync(path.join(out, 'page-3.html'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(whyRebuild(record, 'x', new Date('2026-02-01'), out)).toBeUndefined();
    utimesSync(path.join(out, '_images', 'carte.jpg'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(whyRebuild(record, 'x', new Date('2026-02-01'), out)).toBe('output folder changed');
  });
});

describe('whyRebuild, output folders', () => {
  const site = () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-folders-'));
    const out = path.join(root, 'dist');
    for (const slug of ['un', 'deux', 'trois']) {
      mkdirSync(path.join(out, 'articles', slug), { recursive: true });
      writeFileSync(path.join(out, 'articles', slug, 'index.html'), `<p>${slug}</p>`);
    }
    writeFileSync(path.join(out, 'index.html'), '<p>site</p>');
    const record = { version: 4, inputs: 'x', next: null, builtAt: '2026-01-01T00:00:00.000Z', summary: [], ...recordOutput(out, path.join(root, 'cache')) };
    return { root, out, record, stands: () => whyRebuild(record, 'x', new Date('2026-02-01'), out) === undefined };
  };

  it('reads only the folders whose stamp moved', () => {
    const { out, stands } = site();
    listed.length = 0;
    expect(stands()).toBe(true);
    expect(listed).toEqual([]);
    // A name made then removed: the folder is read again, and holds the recorded names.
    writeFileSync(path.join(out, 'articles', 'deux', 'brouillon.html'), '<p>?</p>');
    unlinkSync(path.join(out, 'articles', 'deux', 'brouillon.html'));
    expect(stands()).toBe(true);
    expect(listed).toEqual([path.join(out, 'articles', 'deux')]);
  });

  it('finds a file added to a folder whose modification time was put back', () => {
    const { root, out, stands } = site();
    const folder = path.join(out, 'articles', 'trois');
    const times = path.join(root, 'times');
    writeFileSync(times, '');
    execFileSync('touch', ['-r', folder, times]);
    writeFileSync(path.join(folder, 'ajout.html'), '<p>ajouté</p>');
    execFileSync('touch', ['-r', times, folder]);
    expect(stands()).toBe(false);
  });

  it('finds a folder added, removed or put in place of a file', () => {
    const a = site();
    mkdirSync(path.join(a.out, 'articles', 'quatre'));
    writeFileSync(path.join(a.out, 'articles', 'quatre', 'index.html'), '<p>quatre</p>');
    expect(a.stands()).toBe(false);
    const b = site();
    rmSync(path.join(b.out, 'articles', 'un'), { recursive: true });
    expect(b.stands()).toBe(false);
    const c = site();
    unlinkSync(path.join(c.out, 'index.html'));
    mkdirSync(path.join(c.out, 'index.html'));
    expect(c.stands()).toBe(false);
  });
});

describe('recordOutput after the check', () => {
  it('reads no page the check hashed: its digest is the check’s, and the record holds as if it had read it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-stamps-'));
    const out = path.join(root, 'dist');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'index.html'), '<p>site</p>');
    writeFileSync(path.join(out, 'rss.xml'), '<rss/>');
    const digests = new Map<string, string>();
    expect(checkBuiltSite(out, { digests })).toEqual([]);
    reads.length = 0;
    const recorded = recordOutput(out, path.join(root, 'cache'), undefined, digests);
    expect(reads.filter((f) => f.startsWith(out))).toEqual([]);
    expect(recorded.files).toEqual(recordOutput(out, path.join(root, 'cache')).files);
    expect(reads.filter((f) => f.startsWith(out)).sort()).toEqual([path.join(out, 'index.html'), path.join(out, 'rss.xml')]);
  });

  it('the check reads no page whose digest the build already knows by its identity (a page restored from Astro’s cache)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-stamps-'));
    const out = path.join(root, 'dist');
    mkdirSync(out, { recursive: true });
    const cacheDir = path.join(root, 'check');
    const page = path.join(out, 'index.html');
    writeFileSync(page, '<p>site</p>');
    writeFileSync(path.join(out, 'rss.xml'), '<rss/>');
    expect(checkBuiltSite(out, { cacheDir })).toEqual([]);
    // The page as a new file with the same text (a page restored from a cache folder restored anew).
    writeFileSync(`${page}.new`, '<p>site</p>');
    renameSync(`${page}.new`, page);
    const digests = new Map([[fileIdentity(page)!, createHash('sha256').update('<p>site</p>').digest('hex')]]);
    reads.length = 0;
    expect(checkBuiltSite(out, { cacheDir, digests })).toEqual([]);
    expect(reads.filter((f) => f.startsWith(out))).toEqual([]);
    // Without it, the page is read to be known by its text.
    writeFileSync(`${page}.new`, '<p>site</p>');
    renameSync(`${page}.new`, page);
    reads.length = 0;
    expect(checkBuiltSite(out, { cacheDir })).toEqual([]);
    expect(reads.filter((f) => f.startsWith(out))).toEqual([page]);
  });
});

describe('verifyAstroCacheAside', () => {
  it('reads no file of Astro’s cache that has the stamp it was signed with', async () => {
    const tree = path.join(mkdtempSync(path.join(tmpdir(), 'rotative-stamps-')), 'tree');
    mkdirSync(tree, { recursive: true });
    // Checked in this thread (the pages' copies are, in a worker thread, by the same function).
    writeFileSync(path.join(tree, 'data-store.json'), '{}');
    writeFileSync(path.join(tree, 'incremental-build.json'), '{"version":1}');
    const secret = Buffer.from('une clé');
    signTree(tree, secret, new Map());
    utimesSync(path.join(tree, 'data-store.json'), new Date('2030-01-01'), new Date('2030-01-01'));
    reads.length = 0;
    const aside = verifyAstroCacheAside(tree, secret);
    expect(aside.notices).toEqual([]);
    expect((await aside.pages).checked.size).toBe(2);
    expect(reads.filter((f) => f.startsWith(tree) && !f.endsWith('rotative-signatures.json'))).toEqual([path.join(tree, 'data-store.json')]);
  });
});
