/** publishAssets (src/content/images.ts): the published images are copies, not the cache's own files. */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageCacheDir, publishAssets, type ImageRecord } from '../../src/content/images.ts';
import { imageOutputs } from '../../src/lib/images.ts';

describe('publishAssets', () => {
  it('publishes copies: editing dist/_images in place leaves the image cache as it was', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-assets-'));
    const cache = path.join(root, 'cache');
    const site = path.join(root, 'site');
    const image: ImageRecord = { key: 'articles/a/photo.jpg', absPath: '/nowhere', social: false, stem: 'photo', hash: 'abcdef1234', width: 400, height: 300, fallback: 'jpeg' };
    const dir = imageCacheDir(cache);
    mkdirSync(dir, { recursive: true });
    const outputs = imageOutputs(image, false);
    for (const o of outputs) writeFileSync(path.join(dir, o.file), `octets de ${o.file}`);
    mkdirSync(site);
    expect(publishAssets([image], [], cache, site)).toBe(outputs.length);
    const first = outputs[0]!.file;
    const published = path.join(site, '_images', first);
    expect(readFileSync(published, 'utf8')).toBe(`octets de ${first}`);
    expect(statSync(path.join(dir, first)).nlink).toBe(1);
    writeFileSync(published, 'modifié à la main');
    expect(readFileSync(path.join(dir, first), 'utf8')).toBe(`octets de ${first}`);
  });
});
