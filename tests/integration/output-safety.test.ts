/**
 * A build can fail, but it never destroys: the output folder is checked
 * before anything is written, the new site before it is swapped in, and two
 * builds side by side both finish with complete sites. Every refusal runs on
 * throw-away copies (never the repository's own content or root).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_MARKER, SITE_MARKER_TEXT } from '../../src/publish/output.ts';
import { checkBuiltSite } from '../../src/publish/site-check.ts';
import { buildProject, buildSite, fixture, readPage, ROOT, TEST_NOW } from '../helpers/build.ts';
import { diffTrees, snapshotTree } from '../helpers/tree.ts';

const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `rotative-${name}-`));

/** A throw-away copy of the basic fixture's content. */
function contentCopy(): { root: string; content: string } {
  const root = temp('safety');
  const content = path.join(root, 'content');
  cpSync(fixture('basic'), content, { recursive: true });
  return { root, content };
}

/** A previous site, as a build leaves it. */
function previousSite(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><title>previous</title>');
  writeFileSync(path.join(outDir, SITE_MARKER), SITE_MARKER_TEXT);
}

/** Exit 1, the reason in plain words, no stack trace. */
function expectRefused(result: { status: number | null; stdout: string; stderr: string }, reason: RegExp): void {
  expect(result.status, result.stdout + result.stderr).toBe(1);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).not.toContain('Site construit');
}

/** A site as a reader gets it: pages, their stylesheets and scripts, well-formed feeds. */
function expectComplete(outDir: string): void {
  expect(existsSync(path.join(outDir, 'index.html')), `${outDir}/index.html`).toBe(true);
  expect(readdirSync(path.join(outDir, '_astro')).some((f) => f.endsWith('.css'))).toBe(true);
  expect(checkBuiltSite(outDir)).toEqual([]);
}

describe('the output folder is checked before anything is written', () => {
  it.each([
    ['the content folder', (c: { root: string; content: string }) => c.content, /est le dossier de contenu/],
    ['a folder inside the content', (c: { root: string; content: string }) => path.join(c.content, 'articles'), /est dans le dossier de contenu/],
    ['the folder holding the content', (c: { root: string; content: string }) => c.root, /contient le dossier de contenu/],
  ])('refuses %s, leaving the content byte-identical', (_, outDir, reason) => {
    const copy = contentCopy();
    const before = snapshotTree(copy.root);
    const result = buildSite({ contentDir: copy.content, outDir: outDir(copy) });
    expectRefused(result, reason);
    expect(result.stderr).toContain(outDir(copy));
    expect(result.stderr).toContain('ROTATIVE_OUT_DIR');
    expect(diffTrees(before, snapshotTree(copy.root))).toEqual([]);
  });

  it('refuses the same folder reached through a symlink', () => {
    const copy = contentCopy();
    const link = path.join(copy.root, 'sortie');
    symlinkSync(path.join(copy.content, 'articles'), link);
    const before = snapshotTree(copy.root);
    expectRefused(buildSite({ contentDir: copy.content, outDir: link }), /est dans le dossier de contenu/);
    expect(diffTrees(before, snapshotTree(copy.root))).toEqual([]);
  });

  it('refuses a non-empty folder that is not a Rotative site, and leaves it as it was', () => {
    const root = temp('foreign');
    const outDir = path.join(root, 'photos');
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, 'vacances.jpg'), 'not really a photo');
    const inode = statSync(outDir).ino;
    const before = snapshotTree(root);
    const result = buildSite({ contentDir: fixture('basic'), outDir });
    expectRefused(result, /n’est pas vide \(vacances\.jpg\) et n’est pas un site construit par Rotative/);
    expect(statSync(outDir).ino).toBe(inode);
    expect(diffTrees(before, snapshotTree(root))).toEqual([]);
  });

  it('refuses an output folder under a file, creating nothing', () => {
    const root = temp('under-file');
    writeFileSync(path.join(root, 'notes.txt'), 'x');
    const before = snapshotTree(root);
    const result = buildSite({ contentDir: fixture('basic'), outDir: path.join(root, 'notes.txt', 'dist') });
    expectRefused(result, /notes\.txt est un fichier : le dossier de sortie .* ne peut pas être créé/);
    expect(diffTrees(before, snapshotTree(root))).toEqual([]);
  });

  it('refuses an output folder whose parent cannot be written to, with a message', () => {
    // /sys is read-only even for root in most containers and machines.
    let readOnly = false;
    try {
      mkdirSync('/sys/rotative-probe');
      rmSync('/sys/rotative-probe', { recursive: true, force: true });
    } catch {
      readOnly = existsSync('/sys');
    }
    if (!readOnly) return;
    expectRefused(buildSite({ contentDir: fixture('basic'), outDir: '/sys/rotative-out' }), /\/sys.*(écriture|lecture seule)/);
    expectRefused(buildSite({ contentDir: fixture('basic'), outDir: '/sys/rotative-absent/dist' }), /\/sys.*(écriture|lecture seule)/);
  });

  describe('in a throw-away copy of the project', () => {
    // The copy has the project's code and a .git folder; node_modules is a
    // symlink to the real one (recorded, not followed, by snapshotTree).
    function projectCopy(): { root: string; project: string } {
      const root = temp('project');
      const project = path.join(root, 'rotative');
      for (const entry of ['package.json', 'tsconfig.json', 'astro.config.ts', 'scripts', 'src', 'public']) {
        cpSync(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
      }
      cpSync(fixture('basic'), path.join(project, 'content'), { recursive: true });
      mkdirSync(path.join(project, '.git'));
      writeFileSync(path.join(project, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
      return { root, project };
    }
    const buildIn = (project: string, outDir: string) => {
      const result = spawnSync(process.execPath, [path.join(project, 'scripts/build.ts')], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, ROTATIVE_CONTENT_DIR: 'content', ROTATIVE_OUT_DIR: outDir, ROTATIVE_NOW: TEST_NOW },
        timeout: 120_000,
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };

    it.each([
      ['the project itself', '.', /le dossier de sortie \. est le projet lui-même/],
      ['the folder holding the project', '..', /contient le projet/],
      ['a folder of the project other than dist', 'src', /le dossier de sortie src est dans le projet/],
    ])('refuses %s, leaving the project and its .git byte-identical', (_, outDir, reason) => {
      const { root, project } = projectCopy();
      const before = snapshotTree(root);
      expectRefused(buildIn(project, outDir), reason);
      expect(diffTrees(before, snapshotTree(root))).toEqual([]);
    });
  });
});

describe('environment values are checked before anything is written', () => {
  it.each([
    ['ROTATIVE_NOW', { ROTATIVE_NOW: '1' }, /^✖ ROTATIVE_NOW vaut "1" ; attendu : .* par exemple 2016-05-12T08:00:00\+02:00/],
    ['SITE_URL', { SITE_URL: 'https://exa mple.org' }, /^✖ SITE_URL vaut "https:\/\/exa mple\.org" ; attendu : une adresse http\(s\) complète, par exemple https:\/\//],
  ])('refuses a bad %s in one line, the previous site untouched', (_, env, message) => {
    const outDir = path.join(temp('env'), 'dist');
    previousSite(outDir);
    const inode = statSync(outDir).ino;
    const before = snapshotTree(outDir);
    const result = buildSite({ contentDir: fixture('basic'), outDir, env });
    expectRefused(result, message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(statSync(outDir).ino).toBe(inode);
    expect(diffTrees(before, snapshotTree(outDir))).toEqual([]);
  });
});

describe('Pagefind’s program is looked for before anything is written', () => {
  it('refuses a build whose search could not be indexed, before its pages, the previous site untouched', () => {
    const outDir = path.join(temp('search-program'), 'dist');
    previousSite(outDir);
    const before = snapshotTree(outDir);
    const result = buildSite({ contentDir: fixture('basic'), outDir, env: { PAGEFIND_BINARY_PATH: path.join(outDir, 'pagefind') } });
    expectRefused(result, /^✖ Construction refusée : la recherche ne peut pas être indexée : PAGEFIND_BINARY_PATH vaut ".*", qui n’est pas un programme exécutable\. .*\n  Rien n’a été écrit ni effacé\.\n$/);
    expect(result.stdout, 'no page was rendered').not.toMatch(/rendu|pages/);
    expect(diffTrees(before, snapshotTree(outDir))).toEqual([]);
  });
});

describe('a program that stops without answering', () => {
  it('stops the build with a message instead of ending it as a success, the previous site untouched', () => {
    const dir = temp('mute-search');
    const outDir = path.join(dir, 'dist');
    previousSite(outDir);
    const before = snapshotTree(outDir);
    // Reads what it is sent, then ends without a word, as a crashed Pagefind would.
    const program = path.join(dir, 'pagefind');
    writeFileSync(program, '#!/bin/sh\ntimeout 1 cat > /dev/null\nexit 0\n', { mode: 0o755 });
    const result = buildSite({ contentDir: fixture('basic'), outDir, env: { PAGEFIND_BINARY_PATH: program } });
    expectRefused(result, /^✖ Construction arrêtée : elle attendait la réponse d’un programme qu’elle a lancé \(Pagefind, pour l’index de recherche, ou Astro, pour les pages\), qui s’est arrêté sans répondre\. .*\n  Rien n’a été publié : le site précédent, dans .*, est intact\.\n$/m);
    expect(diffTrees(before, snapshotTree(outDir))).toEqual([]);
    // A first build: no previous site to speak of.
    const first = path.join(dir, 'premier');
    const again = buildSite({ contentDir: fixture('basic'), outDir: first, env: { PAGEFIND_BINARY_PATH: program } });
    expectRefused(again, /\n  Rien n’a été publié : .*premier ne contient aucun site\.\n$/);
    expect(existsSync(first)).toBe(false);
  });
});

describe('the swap', () => {
  it('puts the site into an output folder on another filesystem', (ctx) => {
    if (!existsSync('/dev/shm') || statSync('/dev/shm').dev === statSync(tmpdir()).dev) ctx.skip();
    const outDir = path.join(mkdtempSync('/dev/shm/rotative-exdev-'), 'dist');
    previousSite(outDir);
    try {
      const result = buildSite({ contentDir: fixture('basic'), outDir });
      expect(result.status, result.stderr).toBe(0);
      expectComplete(outDir);
      expect(readPage(outDir, '/').title).not.toBe('previous');
      expect(readdirSync(path.dirname(outDir)).sort()).toEqual(['dist', 'dist.rebuild.json']);
    } finally {
      rmSync(path.dirname(outDir), { recursive: true, force: true });
    }
  });
});

describe('builds side by side', () => {
  /** `npm run build` in a child process, without blocking the other one. */
  function startBuild(contentDir: string, outDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [path.join(buildProject(), 'scripts/build.ts')], {
      cwd: ROOT,
      env: { ...process.env, ROTATIVE_CONTENT_DIR: contentDir, ROTATIVE_OUT_DIR: outDir, ROTATIVE_NOW: TEST_NOW },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
  }

  /** A second content tree: the basic fixture under another magazine name. */
  function otherTree(): string {
    const { content } = contentCopy();
    const site = path.join(content, 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('La Gazette de Test', 'Le Courrier Parallèle'));
    return content;
  }

  it.each([
    ['two content trees', 1],
    ['one content tree into two folders', 2],
    ['two content trees', 3],
  ])('%s (round %i): both succeed with complete sites', { timeout: 300_000 }, async (kind) => {
    const parent = temp('side-by-side');
    const a = path.join(parent, 'a');
    const b = path.join(parent, 'b');
    const treeB = kind === 'two content trees' ? otherTree() : fixture('basic');
    const [ra, rb] = await Promise.all([startBuild(fixture('basic'), a), startBuild(treeB, b)]);
    expect(ra.status, ra.stdout + ra.stderr).toBe(0);
    expect(rb.status, rb.stdout + rb.stderr).toBe(0);
    expectComplete(a);
    expectComplete(b);
    expect(readPage(a, '/').title).toContain('La Gazette de Test');
    expect(readPage(b, '/').title).toContain(kind === 'two content trees' ? 'Le Courrier Parallèle' : 'La Gazette de Test');
    expect(diffTrees(snapshotTree(path.join(a, 'articles')), snapshotTree(path.join(b, 'articles'))).length > 0).toBe(kind === 'two content trees');
  });
});
