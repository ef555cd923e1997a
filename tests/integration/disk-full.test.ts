/**
 * A full disk during a build is a named refusal (what happened, which
 * folder, what to do) and the previous site stays: the fault is injected at
 * the filesystem boundary (tests/helpers/disk-full.ts, loaded into the
 * build's processes), not by filling the real disk.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture, ROOT } from '../helpers/build.ts';
import { diffTrees, snapshotTree } from '../helpers/tree.ts';

const root = mkdtempSync(path.join(tmpdir(), 'rotative-disk-full-'));
const outDir = path.join(root, 'out');
const cacheDir = path.join(root, 'cache');
let before: Record<string, string>;

/** A build of the basic fixture into `outDir` with the disk full at `full` (see disk-full.ts). */
function buildWithFullDisk(full: string, env: Record<string, string> = {}) {
  return buildSite({
    contentDir: fixture('basic'),
    outDir,
    env: {
      ROTATIVE_CACHE_DIR: cacheDir,
      ROTATIVE_FULL_BUILD: '1',
      NODE_OPTIONS: `--import ${path.join(ROOT, 'tests/helpers/disk-full.ts')}`,
      ROTATIVE_TEST_DISK_FULL: full,
      ...env,
    },
  });
}

/** Exit 1, the French refusal naming the folder and the way out, no stack trace, the previous site as it was. */
function expectRefused(result: ReturnType<typeof buildSite>, folder: string): void {
  expect(result.status, result.stdout + result.stderr).toBe(1);
  expect(result.stderr).toContain('le disque est plein (ENOSPC)');
  expect(result.stderr).toContain(`${folder} ne peut plus recevoir de fichier`);
  expect(result.stderr).toContain('Libérez de la place sur ce disque');
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain('no space left on device');
  expect(diffTrees(before, snapshotTree(outDir))).toEqual([]);
}

beforeAll(() => {
  const first = buildSite({ contentDir: fixture('basic'), outDir, env: { ROTATIVE_CACHE_DIR: cacheDir } });
  expect(first.status, first.stderr).toBe(0);
  before = snapshotTree(outDir);
});

describe('a full disk stops the build with a named refusal, the previous site intact', () => {
  it('while writing the render cache', () => {
    const cold = path.join(root, 'cold-cache');
    const result = buildWithFullDisk(path.join(cold, 'bodies'), { ROTATIVE_CACHE_DIR: cold });
    expectRefused(result, path.join(cold, 'bodies'));
    expect(result.stderr).toContain('impossible d’écrire le cache de rendu');
    expect(result.stderr).toContain('rien n’a été publié, le site précédent est intact');
  });

  it('while writing the new site', () => {
    const result = buildWithFullDisk(path.join(root, '.out-building-*'));
    expectRefused(result, root);
    expect(result.stderr).toContain(`le site précédent, dans ${outDir}, est intact`);
  });

  it('while swapping the new site in', () => {
    const result = buildWithFullDisk(outDir, { ROTATIVE_TEST_DISK_FULL_TIMES: '1' });
    expectRefused(result, outDir);
    expect(result.stderr).toContain(`Impossible de mettre le nouveau site dans ${outDir}`);
    expect(result.stderr).toContain('Le site précédent est resté en place.');
  });

  it('while swapping, and again while putting the previous site back: it is kept, and the way back said', () => {
    const result = buildWithFullDisk(outDir, { ROTATIVE_TEST_DISK_FULL_TIMES: '2' });
    expect(result.status).toBe(1);
    const aside = /il est intact dans (\S+)\. Remettez-le avec : mv "\1" "(.+)"/.exec(result.stderr);
    expect(aside, result.stderr).not.toBeNull();
    expect(aside![2]).toBe(outDir);
    // Not in the temporary folder, which the next build deletes as a killed build's leftover.
    expect(aside![1]).not.toContain('-building-');
    expect(diffTrees(before, snapshotTree(aside![1]!))).toEqual([]);
  });
});
