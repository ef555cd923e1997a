/**
 * Content mistakes through the real build: a refused build prints the content
 * pass's lines (every case of tests/fixtures/bad-input/ is checked against
 * the pass itself in tests/unit/bad-input.test.ts), exits 1 without a stack
 * trace, and leaves the previous site exactly as it was. Also: paths with a
 * % in them, and `npm run check --content-only`, which reports the same lines.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, contentFor, expectCleanFailure, expectProblems, removeWork, reportOf, work, type Report } from '../helpers/bad-input.ts';
import { buildSite, fixture, readPage, ROOT, runScript, TEST_NOW, type BuildResult } from '../helpers/build.ts';
import { snapshotTree } from '../helpers/tree.ts';

/** The output folder every build of this file writes to: the "previous site". */
const outDir = path.join(work, 'out', 'site');
// A cache of our own: builds of other test files never share Astro's data store with ours.
const cacheDir = path.join(work, 'cache');

interface Run extends BuildResult, Report {}

/** Runs a script on a case, as a writer does, into the output folder of the previous site. */
function run(script: string, contentDir: string, args: string[] = [], now = TEST_NOW): Run {
  const result = runScript(script, { contentDir, outDir, args, now, env: { ROTATIVE_CACHE_DIR: cacheDir } });
  return { ...result, ...reportOf(`${result.stdout}\n${result.stderr}`, contentDir, { cwd: ROOT }) };
}

/**
 * The cases built for real: every case's lines come from the content pass
 * (tests/unit/bad-input.test.ts); these show that the build prints them,
 * exits 1 and keeps the previous site, for a tree with mistakes in five files
 * of every kind (YAML, front matter, an image), one whose article holds code
 * that would write a file, and one holding symbolic links.
 */
const BUILT_CASES = ['several-problems', 'code-in-article', 'symlinks'];

afterAll(removeWork);

describe('a content mistake stops the build and leaves the previous site untouched', () => {
  let previous: Record<string, string>;
  let previousSchedule: string;
  let previousInode: number;

  beforeAll(() => {
    // The slow part (~10 s): a real previous site, built once from the valid fixture.
    const first = buildSite({ contentDir: fixture('basic'), outDir, env: { ROTATIVE_CACHE_DIR: cacheDir } });
    if (first.status !== 0) throw new Error(`the basic fixture must build first:\n${first.stdout}\n${first.stderr}`);
    previous = snapshotTree(outDir);
    previousInode = statSync(outDir).ino;
    previousSchedule = readFileSync(`${outDir}.rebuild.json`, 'utf8');
  });

  it('built the basic fixture, whose lancement.mdx starts with a UTF-8 byte order mark', () => {
    expect(readFileSync(path.join(fixture('basic'), 'articles/2016/lancement.mdx')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const page = readPage(outDir, '/articles/lancement/');
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Le lancement');
    expect(page.documentElement.outerHTML).not.toContain('\uFEFF');
  });

  for (const name of BUILT_CASES) {
    const c = CASES[name]!;
    it(`${name}: ${c.title}`, () => {
      const content = contentFor(name);
      c.prepare?.(content);
      const contentBefore = snapshotTree(content);
      const result = run('scripts/build.ts', content, [], c.now);
      c.after?.();
      expectCleanFailure(result);
      expectProblems(result, c.problems);
      expect(result.stderr).toContain('✖ Construction arrêtée : rien n’a été publié, le site précédent est intact.');
      expect(snapshotTree(content), 'the build changed the content folder').toEqual(contentBefore);

      expect(statSync(outDir).ino, 'the output folder was replaced').toBe(previousInode);
      expect(snapshotTree(outDir), 'the previous site changed').toEqual(previous);
      // The previous build's rebuild schedule (site.rebuild.json) stays beside it, as it was.
      expect(readdirSync(path.dirname(outDir)), 'something was left next to the output folder').toEqual(['site', 'site.rebuild.json']);
      expect(readFileSync(`${outDir}.rebuild.json`, 'utf8'), 'the previous rebuild schedule changed').toBe(previousSchedule);
      expect(snapshotTree(content), 'the content folder changed').toEqual(contentBefore);
    });
  }
});

describe('paths a writer may type with a % in them', () => {
  // One valid build for both cases: a succeeding build costs a whole site.
  const siteDir = path.join(work, 'percent-out', 'site');
  let result: Run;
  let page: Document;

  beforeAll(() => {
    // Written here rather than as a fixture folder: no file with such names in the repository.
    const content = path.join(mkdtempSync(path.join(work, 'percent-')), 'content');
    cpSync(fixture('basic'), content, { recursive: true });
    const dir = path.join(content, 'articles/2016/premier-episode');
    copyFileSync(path.join(dir, 'couverture.jpg'), path.join(dir, '100%.jpg'));
    copyFileSync(path.join(dir, 'carte.jpg'), path.join(dir, 'ma photo.jpg'));
    const index = path.join(dir, 'index.mdx');
    writeFileSync(index, `${readFileSync(index, 'utf8')}\n![Cent pour cent](./100%.jpg)\n\n<Figure src="./ma%20photo.jpg" alt="Ma photo" />\n`);
    const built = runScript('scripts/build.ts', { contentDir: content, outDir: siteDir, env: { ROTATIVE_CACHE_DIR: cacheDir } });
    result = { ...built, output: `${built.stdout}\n${built.stderr}`, problems: [] };
    if (result.status === 0) page = readPage(siteDir, '/articles/premier-episode/');
  });

  /** Every file the image of the page names (src and srcset) is the writer's file (`stem-…`) and exists in the built site. */
  function expectPublished(alt: string, stem: string): void {
    const img = page.querySelector(`img[alt="${alt}"]`);
    expect(img, `no image "${alt}" on the page`).not.toBeNull();
    const urls = [img!.getAttribute('src')!, ...[...img!.closest('picture')!.querySelectorAll('source')].flatMap((s) => s.getAttribute('srcset')!.split(',').map((c) => c.trim().split(/\s+/)[0]!))];
    for (const url of urls) {
      expect(url).toMatch(new RegExp(`^/_images/${stem}-`));
      expect(existsSync(path.join(siteDir, decodeURIComponent(url))), `${url} is not in the built site`).toBe(true);
    }
  }

  it('builds', () => {
    expect(result.status, result.output).toBe(0);
  });

  it('![…](./100%.jpg) is the file "100%.jpg", published as an image', () => {
    expect(result.status, result.output).toBe(0);
    expectPublished('Cent pour cent', '100');
  });

  it('<Figure src="./ma%20photo.jpg"> is the file "ma photo.jpg", published as an image', () => {
    expect(result.status, result.output).toBe(0);
    expectPublished('Ma photo', 'ma-photo');
  });
});

describe('npm run check --content-only reports the same problems', () => {
  for (const name of ['unknown-author', 'invalid-site', 'several-problems', 'symlink-loop', 'truncated-jpeg']) {
    it(`${name}: same messages, exit 1, nothing written`, () => {
      const before = existsSync(outDir) ? snapshotTree(outDir) : undefined;
      const result = run('scripts/check.ts', contentFor(name), ['--content-only']);
      expectCleanFailure(result);
      expectProblems(result, CASES[name]!.problems);
      expect(result.stdout).not.toContain('Le contenu est valide');
      expect(existsSync(outDir) ? snapshotTree(outDir) : undefined).toEqual(before);
    });
  }

  it('accepts the valid basic fixture (exit 0) and says what it checked', () => {
    const result = run('scripts/check.ts', fixture('basic'), ['--content-only']);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('✔ Le contenu est valide : 4 articles, 2 auteurs, 2 rubriques, 1 série');
    expect(result.problems).toEqual([]);
  });

  it('`npm run check --content-only`, as the docs write it, skips the type check', async () => {
    // Before `--`, npm keeps `--content-only` for itself and passes it to the
    // script as npm_config_content_only=true, not as an argument: the script
    // must honour that form too. The type check takes 15 s or more; rather
    // than wait for it, the test stops npm (its own process group) if it is
    // still running a few seconds after the content was found valid.
    const child = spawn('npm', ['run', '--silent', 'check', '--content-only'], {
      cwd: ROOT,
      env: { ...process.env, ROTATIVE_CONTENT_DIR: fixture('basic'), ROTATIVE_NOW: TEST_NOW, ROTATIVE_CACHE_DIR: cacheDir },
      detached: true,
    });
    let output = '';
    const outcome = await new Promise<{ status: number | null; stillRunning: boolean }>((resolve) => {
      const stop = () => {
        process.kill(-child.pid!, 'SIGTERM');
        resolve({ status: null, stillRunning: true });
      };
      let timer = setTimeout(stop, 30_000);
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Le contenu est valide')) {
          clearTimeout(timer);
          timer = setTimeout(stop, 5_000);
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('exit', (status) => {
        clearTimeout(timer);
        resolve({ status, stillRunning: false });
      });
    });
    expect(output).toContain('✔ Le contenu est valide');
    expect(outcome.stillRunning, `the type check ran after the content check:\n${output.slice(0, 600)}`).toBe(false);
    expect(output, 'the type check ran').not.toMatch(/Result \(\d+ files?\)|Getting diagnostics/);
    expect(outcome.status, output).toBe(0);
  });
});
