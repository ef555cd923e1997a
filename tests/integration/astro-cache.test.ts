/**
 * A page edited in Astro's cache (a <script> added) is never published: the
 * build finds it does not match its signature, says so in one line, and
 * renders the page again, equal to a cold build (src/publish/restore.ts
 * verifyAstroCacheAside).
 */
import { globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildSite, fixture } from '../helpers/build.ts';
import { diffTrees, snapshotTree } from '../helpers/tree.ts';

it('a tampered cached page is not published: one line, and the page rendered again as a cold build does', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-astro-cache-'));
  const outDir = path.join(root, 'out');
  const env = { ROTATIVE_CACHE_DIR: path.join(root, 'cache') };
  const cold = buildSite({ contentDir: fixture('basic'), outDir, env });
  expect(cold.status, cold.stderr).toBe(0);
  const coldSite = snapshotTree(outDir);

  const [cached] = globSync('astro/*/dist/articles/*/index.html', { cwd: env.ROTATIVE_CACHE_DIR });
  expect(cached).toBeDefined();
  // As a cache restored from a shared store holds it: a file of its own (a
  // page's cache copy is otherwise the published page itself, and an edit
  // of that is the previous site's, found by the record).
  const file = path.join(env.ROTATIVE_CACHE_DIR, cached!);
  const bytes = readFileSync(file);
  rmSync(file);
  writeFileSync(file, Buffer.concat([bytes, Buffer.from('<script>alert("cache")</script>')]));

  const warm = buildSite({ contentDir: fixture('basic'), outDir, env: { ...env, ROTATIVE_FULL_BUILD: '1' } });
  expect(warm.status, warm.stderr).toBe(0);
  const rel = cached!.split('/').slice(2).join('/');
  expect(warm.stdout.split('\n').filter((line) => line.includes('cache des pages'))).toEqual([
    `  remarque : cache des pages : entrée ignorée (${rel}), modifiée depuis la construction qui l’a écrite ; ce qu’elle gardait est refait`,
  ]);
  expect(diffTrees(coldSite, snapshotTree(outDir))).toEqual([]);
});
