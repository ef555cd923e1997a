/** publishAssets (src/content/images.ts): the published images are never the cache's own files. */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageCacheDir, publishAssets, type ImageRecord } from '../../src/content/images.ts';
import { imageOutputs } from '../../src/lib/images.ts';
import { recordedFile, recordOutput } from '../../src/publish/unchanged.ts';

/** The site in `dir` as the next build sees it: its files lendable while they are the ones recorded after it was published. */
function recorded(dir: string, cacheDir: string) {
  const record = recordOutput(dir, cacheDir);
  return { dir, published: (rel: string) => recordedFile(path.join(dir, rel), record, rel) };
}

/** An image whose variants are in a fresh image cache, each file holding « octets de <name> ». */
function cachedImage() {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-assets-'));
  const cache = path.join(root, 'cache');
  const image: ImageRecord = { key: 'articles/a/photo.jpg', absPath: '/nowhere', social: false, stem: 'photo', hash: 'abcdef1234', width: 800, height: 600, fallback: 'jpeg' };
  const dir = imageCacheDir(cache);
  mkdirSync(dir, { recursive: true });
  const outputs = imageOutputs(image, false);
  for (const o of outputs) writeFileSync(path.join(dir, o.file), `octets de ${o.file}`);
  return { root, cache, dir, image, outputs };
}

describe('publishAssets', () => {
  it('publishes copies: editing dist/_images in place leaves the image cache as it was', () => {
    const { root, cache, dir, image, outputs } = cachedImage();
    const site = path.join(root, 'site');
    mkdirSync(site);
    expect(publishAssets([image], [], cache, site)).toBe(outputs.length);
    const first = outputs[0]!.file;
    const published = path.join(site, '_images', first);
    expect(readFileSync(published, 'utf8')).toBe(`octets de ${first}`);
    expect(statSync(path.join(dir, first)).nlink).toBe(1);
    writeFileSync(published, 'modifié à la main');
    expect(readFileSync(path.join(dir, first), 'utf8')).toBe(`octets de ${first}`);
  });

  it('lends the replaced site’s files to the new one (hard links, never to the cache), and copies a file edited since it was published', () => {
    const { root, cache, dir, image, outputs } = cachedImage();
    const previous = path.join(root, 'previous');
    expect(publishAssets([image], [], cache, previous)).toBe(outputs.length);
    const site = recorded(previous, path.join(root, 'records'));
    // Files of the old site edited by hand, to another size or the same one, are not lent: the cache's are copied.
    const [kept, resized, rewritten] = outputs.map((o) => o.file);
    writeFileSync(path.join(previous, '_images', resized!), 'modifié');
    const original = readFileSync(path.join(previous, '_images', rewritten!), 'utf8');
    writeFileSync(path.join(previous, '_images', rewritten!), original.replace('octets', 'OCTETS'));
    const next = path.join(root, 'next');
    expect(publishAssets([image], [], cache, next, site)).toBe(outputs.length);
    expect(statSync(path.join(next, '_images', kept!)).ino).toBe(statSync(path.join(previous, '_images', kept!)).ino);
    expect(statSync(path.join(dir, kept!)).nlink).toBe(1);
    expect(readFileSync(path.join(next, '_images', resized!), 'utf8')).toBe(`octets de ${resized}`);
    expect(readFileSync(path.join(next, '_images', rewritten!), 'utf8')).toBe(`octets de ${rewritten}`);
    // The first build of a folder has no site to borrow from.
    expect(publishAssets([image], [], cache, path.join(root, 'first'), recorded(path.join(root, 'missing'), path.join(root, 'records')))).toBe(outputs.length);
  });
});
