/**
 * publishAssets (src/content/images.ts): the published images are the
 * cache's own files, linked; an edit through that link is found by the next
 * build's check of the image cache (tests/unit/astro-cache.test.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageCacheDir, publishAssets, type ImageRecord } from '../../src/content/images.ts';
import { imageOutputs } from '../../src/lib/images.ts';

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
  it('publishes hard links to the cache’s files: no file made, no byte written again', () => {
    const { root, cache, dir, image, outputs } = cachedImage();
    const site = path.join(root, 'site');
    mkdirSync(site);
    expect(publishAssets([image], [], cache, site)).toBe(outputs.length);
    for (const { file } of outputs) {
      const published = path.join(site, '_images', file);
      expect(readFileSync(published, 'utf8')).toBe(`octets de ${file}`);
      expect(statSync(published).ino, file).toBe(statSync(path.join(dir, file)).ino);
    }
  });

  it('replaces a file already there (a build published into a folder it is given again)', () => {
    const { root, cache, dir, image, outputs } = cachedImage();
    const site = path.join(root, 'site');
    const first = outputs[0]!.file;
    mkdirSync(path.join(site, '_images'), { recursive: true });
    writeFileSync(path.join(site, '_images', first), 'autre chose');
    publishAssets([image], [], cache, site);
    expect(readFileSync(path.join(site, '_images', first), 'utf8')).toBe(`octets de ${first}`);
    expect(readFileSync(path.join(dir, first), 'utf8')).toBe(`octets de ${first}`);
  });
});
