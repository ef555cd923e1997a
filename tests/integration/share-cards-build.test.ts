/**
 * The share cards are made while Astro renders the pages
 * (scripts/render-pages.ts waits for them): a card that cannot be written
 * still stops the build with the French refusal, and nothing is published.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageCacheDir } from '../../src/content/images.ts';
import { buildSite, fixture, ROOT } from '../helpers/build.ts';

describe('share cards made during the pages', () => {
  it('a card the disk refuses stops the build: the refusal in French, no site, no temporary file', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-share-build-'));
    const outDir = path.join(root, 'out');
    const cacheDir = path.join(root, 'cache');
    const cards = path.join(imageCacheDir(cacheDir), 'partage-');
    const result = buildSite({
      contentDir: fixture('basic'),
      outDir,
      env: {
        ROTATIVE_CACHE_DIR: cacheDir,
        NODE_OPTIONS: `--import ${path.join(ROOT, 'tests/helpers/disk-full.ts')}`,
        // Only the cards' files: the covers and the pages are written.
        ROTATIVE_TEST_DISK_FULL: `${cards}*`,
      },
    });
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toContain('le disque est plein (ENOSPC)');
    expect(result.stderr).toContain(`${cacheDir} ne peut plus recevoir de fichier`);
    expect(result.stderr).toContain('Libérez de la place sur ce disque');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(outDir)).toBe(false);
    expect(readdirSync(imageCacheDir(cacheDir)).filter((f) => f.startsWith('partage-'))).toEqual([]);
  });
});
