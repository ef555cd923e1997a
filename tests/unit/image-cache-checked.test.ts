/**
 * A warm build asks whether every variant and share card of the site is in
 * the image cache (16,000 files at 4,000 articles): the files the build's
 * check of the cache found whole are not looked for on disk again.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/** The files looked for (existsSync). */
const asked = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const existsSync = ((file: Parameters<typeof fs.existsSync>[0]) => {
    asked.push(path.basename(String(file)));
    return fs.existsSync(file);
  }) as typeof fs.existsSync;
  return { ...fs, default: { ...fs, existsSync }, existsSync };
});

const { checkImageCacheFirst, imageCacheChecked, inImageCache } = await import('../../src/content/images.ts');

describe('inImageCache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rotative-image-cache-'));
  writeFileSync(path.join(dir, 'checked.jpg'), 'x');
  writeFileSync(path.join(dir, 'made-since.jpg'), 'x');

  it('looks on disk while no check was made (a dev server)', () => {
    asked.length = 0;
    expect(inImageCache(dir, 'checked.jpg')).toBe(true);
    expect(inImageCache(dir, 'missing.jpg')).toBe(false);
    expect(asked).toEqual(['checked.jpg', 'missing.jpg']);
  });

  it('takes the check’s word for the files it found, and looks on disk for the others', async () => {
    checkImageCacheFirst(Promise.resolve({ checked: new Map([['checked.jpg', {}]]) }));
    await imageCacheChecked();
    asked.length = 0;
    expect(inImageCache(dir, 'checked.jpg')).toBe(true);
    expect(inImageCache(dir, 'made-since.jpg')).toBe(true);
    expect(inImageCache(dir, 'missing.jpg')).toBe(false);
    expect(asked).toEqual(['made-since.jpg', 'missing.jpg']);
  });

  it('forgets an earlier check’s files when a new check starts', async () => {
    checkImageCacheFirst(new Promise(() => {}));
    asked.length = 0;
    expect(inImageCache(dir, 'checked.jpg')).toBe(true);
    expect(asked).toEqual(['checked.jpg']);
  });
});
