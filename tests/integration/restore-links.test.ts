/**
 * Unchanged pages are restored from Astro's cache by hard link, and a link
 * never carries a write from one name to the other: neither a page edited by
 * hand in the published site, nor a page rendered again into the cache.
 */
import { cpSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture } from '../helpers/build.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-restore-'));
const content = path.join(work, 'content');
const outDir = path.join(work, 'dist');
const cacheDir = path.join(work, 'cache');
const page = path.join(outDir, 'articles/lancement/index.html');
const LANCEMENT = path.join(content, 'articles/2016/lancement.mdx');

function build() {
  const result = buildSite({ contentDir: content, outDir, env: { ROTATIVE_CACHE_DIR: cacheDir, ROTATIVE_FULL_BUILD: '1' } });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

beforeAll(() => {
  cpSync(fixture('basic'), content, { recursive: true });
  build();
  build();
});

describe('pages restored from the cache', () => {
  it('are hard links to the cache’s copy, not copies', () => {
    expect(statSync(page).nlink).toBeGreaterThan(1);
  });

  it('a page edited by hand in the published site is rendered again, not restored with the edit', () => {
    const original = readFileSync(page, 'utf8');
    writeFileSync(page, 'vandalisé');
    build();
    expect(readFileSync(page, 'utf8')).toBe(original);
  });

  it('a page rendered again leaves the previous site’s file as it was until the swap', () => {
    const before = readFileSync(page, 'utf8');
    // Another name for the published page: it must keep the bytes it was published with.
    const witness = path.join(work, 'witness.html');
    linkSync(page, witness);
    writeFileSync(LANCEMENT, readFileSync(LANCEMENT, 'utf8').replace('Le lancement a eu lieu.', 'Le lancement a eu lieu, enfin.'));
    build();
    expect(readFileSync(page, 'utf8')).toContain('Le lancement a eu lieu, enfin.');
    expect(readFileSync(witness, 'utf8')).toBe(before);
    // Stored in the cache as one file with the published page: the next build restores the very file published.
    expect(statSync(page).nlink, 'the page rendered again and its cache copy are one file').toBeGreaterThan(1);
  });

  it('without the record of the previous build, no page edited by hand can come back from the cache', () => {
    build();
    expect(statSync(page).nlink, 'the page is restored by link').toBeGreaterThan(1);
    const original = readFileSync(page, 'utf8');
    writeFileSync(page, 'vandalisé');
    rmSync(path.join(cacheDir, 'builds'), { recursive: true, force: true });
    build();
    expect(readFileSync(page, 'utf8')).toBe(original);
  });
});

describe('images published by link to the image cache', () => {
  it('are the cache’s files, and one edited in place in the published site is made again, not published', async () => {
    build();
    const images = path.join(outDir, '_images');
    const name = readdirSync(images).find((f) => f.endsWith('.jpg'))!;
    const published = path.join(images, name);
    const cached = path.join(cacheDir, 'images', name);
    expect(statSync(published).ino, 'one file under both names').toBe(statSync(cached).ino);
    const original = readFileSync(published);
    // Edited to the same size, its modification time put back: only its bytes tell.
    const { mtime } = statSync(published);
    const edited = Buffer.from(original);
    edited[edited.length - 10]! ^= 0xff;
    writeFileSync(published, edited);
    utimesSync(published, mtime, mtime);
    const result = build();
    expect(result.stdout).toContain(`remarque : cache des images : entrée ignorée (${name}), modifiée depuis la construction qui l’a écrite ; ce qu’elle gardait est refait`);
    // Made again from its source: not the edited bytes, published by link again.
    const republished = readFileSync(path.join(images, name));
    expect(republished.equals(edited), 'the edit is not published').toBe(false);
    expect(statSync(path.join(images, name)).ino).toBe(statSync(cached).ino);
    expect((await sharp(republished).metadata()).format).toBe('jpeg');
  });
});
