/**
 * DESIGN §9: the build is atomic, reproducible and never writes into the
 * content folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProject, buildSite, fixture, ROOT, TEST_NOW } from '../helpers/build.ts';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { diffTrees, snapshotTree } from '../helpers/tree.ts';
import { SITE_MARKER, SITE_MARKER_TEXT } from '../../src/publish/output.ts';

const content = fixture('basic');

describe('build promises', () => {
  it('gives byte-identical trees for the same content and ROTATIVE_NOW, even from a cold image cache, without writing to the content', () => {
    const contentBefore = snapshotTree(content);
    const first = buildSite({ contentDir: content, env: { ROTATIVE_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'rotative-cache-')) } });
    expect(first.status, first.stderr).toBe(0);
    const second = buildSite({ contentDir: content, env: { ROTATIVE_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'rotative-cache-')) } });
    expect(second.status, second.stderr).toBe(0);

    const a = snapshotTree(first.outDir);
    const b = snapshotTree(second.outDir);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(diffTrees(a, b)).toEqual([]);
    expect(diffTrees(contentBefore, snapshotTree(content))).toEqual([]);
    // No machine path leaks into the output (the repository's, or that of the copy the build ran from).
    for (const rel of Object.keys(a)) {
      if (!/\.(html|xml|txt|json|js|css)$/.test(rel)) continue;
      const text = readFileSync(path.join(first.outDir, rel), 'utf8');
      for (const root of new Set([ROOT, buildProject()])) expect(text.includes(root), `${rel} contains ${root}`).toBe(false);
    }
  });

  it('prints a summary with published, scheduled (slug and date), drafts, images and phase times', async () => {
    // `npm run build` of the basic fixture, as other files read it: built once per run.
    const result = await sharedBuild('basic');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/articles : 2 publiés, 1 programmé, 1 brouillon/);
    expect(result.stdout).toMatch(/programmé : episode-programme le 2030-01-01/);
    expect(result.stdout).toMatch(/images : 4 sources, \d+ traitées?, \d+ reprises? du cache/);
    expect(result.stdout).toMatch(/temps : contenu [\d,]+ s, images [\d,]+ s, pages [\d,]+ s/);
    // The fixture has no footer page, no edition word: no mistake, so no warning (Astro's own is in English).
    expect(result.stdout + result.stderr).not.toMatch(/WARN|does not exist or is empty/);
  });

  it('leaves the previous site untouched and no temporary folder when the build is interrupted', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'rotative-atomic-'));
    const outDir = path.join(parent, 'dist');
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><title>previous</title>');
    writeFileSync(path.join(outDir, SITE_MARKER), SITE_MARKER_TEXT);
    const before = snapshotTree(outDir);

    // Interrupt the build while Astro builds the site, in its own process,
    // started as soon as the temporary folder exists.
    const child = spawn(process.execPath, [path.join(buildProject(), 'scripts/build.ts')], {
      cwd: ROOT,
      env: { ...process.env, ROTATIVE_CONTENT_DIR: content, ROTATIVE_OUT_DIR: outDir, ROTATIVE_NOW: TEST_NOW },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const work = readdirSync(parent).find((n) => n.startsWith('.dist-building-'));
        if (work) {
          clearInterval(timer);
          setTimeout(() => {
            child.kill('SIGINT');
            resolve();
          }, 3000);
        }
      }, 20);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).not.toBe(0);
    // It says what the output folder holds: the previous site, as it was.
    expect(stderr).toMatch(/Construction interrompue \(SIGINT\) : le site précédent, dans .*dist, est intact\./);
    expect(diffTrees(before, snapshotTree(outDir))).toEqual([]);
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('cleans up what a killed build left behind, then swaps the new site in', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'rotative-stale-'));
    const stale = path.join(parent, '.dist-building-999999999');
    mkdirSync(path.join(stale, 'site'), { recursive: true });
    const result = buildSite({ contentDir: content, outDir: path.join(parent, 'dist') });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    // The site, and beside it when to build it again (src/lib/rebuild.ts).
    expect(readdirSync(parent).sort()).toEqual(['dist', 'dist.rebuild.json']);
    expect(existsSync(path.join(parent, 'dist/articles/premier-episode/index.html'))).toBe(true);
  });
});
