/**
 * The output guard and the swap, on throw-away folders.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquireLock,
  heldByBuild,
  LOCK_TTL_MS,
  lockText,
  guardOutputFolder,
  realPath,
  OutputError,
  placementProblem,
  SITE_MARKER,
  swapIn,
  moveToTrash,
  emptyTrash,
  type SwapFs,
} from '../../src/publish/output.ts';
import { diffTrees, snapshotTree } from '../helpers/tree.ts';

const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `rotative-${name}-`));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('placementProblem (where the output folder may be)', () => {
  const project = '/home/ana/rotative';
  const base = { projectRoot: project, contentDir: `${project}/content`, cacheDir: `${project}/node_modules/.cache/rotative` };
  const problem = (outDir: string, over: Partial<typeof base> = {}) => placementProblem({ ...base, ...over, outDir }, '/');

  it('accepts <project>/dist and folders outside the project and the content', () => {
    expect(problem(`${project}/dist`)).toBeUndefined();
    expect(problem('/srv/www/magazine')).toBeUndefined();
    expect(problem('/home/ana/rotative-dist')).toBeUndefined(); // a name that merely starts like the project's
  });

  it.each([
    [`${project}/content`, /est le dossier de contenu/],
    [`${project}/content/articles`, /est dans le dossier de contenu/],
    [project, /est le projet lui-même/],
    ['/home/ana', /contient le projet/],
    ['/', /racine du disque/],
    [`${project}/src`, /est dans le projet .*seul .*dist peut recevoir le site/],
    [`${project}/dist/site`, /est dans le projet/],
    [`${project}/.git`, /est dans le projet/],
  ])('refuses %s', (outDir, reason) => {
    const text = problem(outDir);
    expect(text).toMatch(reason);
    expect(text).toContain('ROTATIVE_OUT_DIR');
  });

  it('refuses a folder that contains a content tree kept outside the project', () => {
    expect(problem('/data', { contentDir: '/data/magazine/content' })).toMatch(/contient le dossier de contenu/);
    expect(problem('/data/magazine/content/x', { contentDir: '/data/magazine/content' })).toMatch(/dans le dossier de contenu/);
  });

  it('refuses a folder holding the image cache', () => {
    expect(problem('/var/cache', { cacheDir: '/var/cache/rotative' })).toMatch(/cache des images/);
  });
});

describe('guardOutputFolder (before anything is written)', () => {
  function project() {
    const root = temp('guard');
    const projectRoot = path.join(root, 'projet');
    const contentDir = path.join(projectRoot, 'content');
    write(path.join(contentDir, 'site.yaml'), 'name: x\n');
    write(path.join(projectRoot, 'package.json'), '{}');
    return { root, projectRoot, contentDir, cacheDir: path.join(projectRoot, 'node_modules/.cache/rotative') };
  }
  const refusal = (f: () => unknown): string => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(OutputError);
      return (err as Error).message;
    }
    throw new Error('not refused');
  };

  it('writes nothing beside an output folder whose parent is read-only: no schedule file there', () => {
    const p = project();
    const outDir = path.join(p.root, 'montage', 'dist');
    mkdirSync(outDir, { recursive: true });
    const parent = path.dirname(realPath(outDir));
    const readOnlyParent = guardOutputFolder({ ...p, outDir }, process.cwd(), (dir) => dir !== parent);
    expect(readOnlyParent.mode).toBe('contents');
    expect(readOnlyParent.scheduleFile).toBeUndefined();
    const writableParent = guardOutputFolder({ ...p, outDir });
    expect(writableParent.scheduleFile).toBe(`${realPath(outDir)}.rebuild.json`);
  });

  it('resolves symlinks: a link to the content folder is the content folder', () => {
    const p = project();
    const link = path.join(p.root, 'sortie');
    symlinkSync(p.contentDir, link);
    expect(refusal(() => guardOutputFolder({ ...p, outDir: link }))).toMatch(/est le dossier de contenu/);
    const linkToProject = path.join(p.root, 'lien-projet');
    symlinkSync(p.projectRoot, linkToProject);
    expect(refusal(() => guardOutputFolder({ ...p, outDir: linkToProject }))).toMatch(/est le projet lui-même/);
    expect(refusal(() => guardOutputFolder({ ...p, outDir: path.join(linkToProject, 'src', '..', 'content') }))).toMatch(/est le dossier de contenu/);
  });

  it('refuses a non-empty folder that is not a Rotative site, naming it and what it holds', () => {
    const p = project();
    const outDir = path.join(p.root, 'photos');
    write(path.join(outDir, 'vacances.jpg'), 'jpeg');
    const message = refusal(() => guardOutputFolder({ ...p, outDir }));
    expect(message).toContain(outDir);
    expect(message).toContain('vacances.jpg');
    expect(message).toContain(SITE_MARKER);
  });

  it('refuses a file in place of the folder or of its parent', () => {
    const p = project();
    const file = path.join(p.root, 'fichier');
    writeFileSync(file, 'x');
    expect(refusal(() => guardOutputFolder({ ...p, outDir: file }))).toMatch(/n’est pas un dossier/);
    expect(refusal(() => guardOutputFolder({ ...p, outDir: path.join(file, 'sous', 'dist') }))).toMatch(/fichier est un fichier/);
  });

  it('accepts a missing parent, which the build creates', () => {
    const p = project();
    const outDir = path.join(p.root, 'absent', 'site');
    expect(guardOutputFolder({ ...p, outDir })).toMatchObject({ outDir, mode: 'rename', workParent: path.dirname(outDir) });
    expect(existsSync(path.dirname(outDir))).toBe(false);
  });

  it('accepts <project>/dist, an empty folder and a previous Rotative site', () => {
    const p = project();
    expect(guardOutputFolder({ ...p, outDir: path.join(p.projectRoot, 'dist') })).toMatchObject({ mode: 'rename', workParent: p.projectRoot });
    const empty = path.join(p.root, 'vide');
    mkdirSync(empty);
    expect(guardOutputFolder({ ...p, outDir: empty }).mode).toBe('rename');
    const previous = path.join(p.root, 'site');
    write(path.join(previous, 'index.html'), '<!doctype html>');
    write(path.join(previous, SITE_MARKER), '');
    expect(guardOutputFolder({ ...p, outDir: previous })).toMatchObject({ outDir: previous, mode: 'rename' });
  });
});

describe('swapIn', () => {
  it('moves the previous site into the trash, which the next build empties', async () => {
    const parent = temp('trash');
    const outDir = path.join(parent, 'dist');
    write(path.join(outDir, 'index.html'), 'ancien');
    const work = path.join(parent, '.dist-building-1');
    write(path.join(work, 'site/index.html'), 'nouveau');
    const trash = path.join(parent, 'cache/previous-sites');
    swapIn(path.join(work, 'site'), outDir, work, 'rename', undefined, moveToTrash(trash));
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('nouveau');
    const [kept] = readdirSync(trash);
    expect(readFileSync(path.join(trash, kept!, 'index.html'), 'utf8')).toBe('ancien');
    await emptyTrash(trash);
    expect(readdirSync(trash)).toEqual([]);
    await emptyTrash(path.join(parent, 'absent'));
  });

  function setting() {
    const parent = temp('swap');
    const outDir = path.join(parent, 'dist');
    write(path.join(outDir, 'index.html'), 'ancien');
    write(path.join(outDir, 'vieux/index.html'), 'ancien');
    const work = path.join(parent, '.dist-building-1');
    const site = path.join(work, 'site');
    write(path.join(site, 'index.html'), 'nouveau');
    write(path.join(site, '_astro/page.css'), 'body{}');
    return { parent, outDir, work, site };
  }
  const realFs: SwapFs = { renameSync, cpSync, rmSync, existsSync, readdirSync: (p) => readdirSync(p), mkdirSync: (p, o) => void mkdirSync(p, o) };

  it('renames the new site into place', () => {
    const { outDir, work, site } = setting();
    swapIn(site, outDir, work, 'rename');
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('nouveau');
    expect(existsSync(path.join(outDir, 'vieux'))).toBe(false);
    expect(existsSync(path.join(work, 'previous'))).toBe(false);
  });

  it('copies when a rename crosses filesystems (EXDEV)', () => {
    const { outDir, work, site } = setting();
    const exdev: SwapFs = {
      ...realFs,
      renameSync: (from, to) => {
        if (from === site) throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
        renameSync(from, to);
      },
    };
    swapIn(site, outDir, work, 'rename', exdev);
    expect(snapshotTree(outDir)).toEqual(snapshotTree(site));
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('nouveau');
    expect(existsSync(path.join(work, 'previous'))).toBe(false);
  });

  it('exchanges the entries inside an output folder that cannot be renamed (a mount point)', () => {
    const { parent, outDir, work, site } = setting();
    const inode = statSync(outDir).ino;
    const busy: SwapFs = {
      ...realFs,
      renameSync: (from, to) => {
        if (from === outDir || from === site) throw Object.assign(new Error('EBUSY'), { code: from === outDir ? 'EBUSY' : 'EXDEV' });
        renameSync(from, to);
      },
    };
    swapIn(site, outDir, work, 'rename', busy);
    expect(statSync(outDir).ino).toBe(inode);
    expect(diffTrees(snapshotTree(site), snapshotTree(outDir))).toEqual([]);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('nouveau');
    expect(snapshotTree(parent)['dist/vieux/']).toBeUndefined();
  });

  it('works across two real filesystems when the system has a second one (/dev/shm)', () => {
    if (!existsSync('/dev/shm') || statSync('/dev/shm').dev === statSync(tmpdir()).dev) return;
    const { outDir, work } = setting();
    const elsewhere = mkdtempSync('/dev/shm/rotative-swap-');
    try {
      const site = path.join(elsewhere, 'site');
      write(path.join(site, 'index.html'), 'nouveau');
      swapIn(site, outDir, work, 'rename');
      expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('nouveau');
      expect(existsSync(path.join(outDir, 'vieux'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('puts the previous site back when the new one cannot be moved in', () => {
    const { outDir, work, site } = setting();
    const before = snapshotTree(outDir);
    const failing: SwapFs = {
      ...realFs,
      renameSync: (from, to) => {
        if (from === site) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        renameSync(from, to);
      },
    };
    expect(() => swapIn(site, outDir, work, 'rename', failing)).toThrow(/EACCES/);
    expect(snapshotTree(outDir)).toEqual(before);
  });
});

describe('acquireLock (builds side by side)', () => {
  /** A process that takes the lock as a build does, and holds it until killed. */
  async function holdingBuild(file: string) {
    const script = `import { acquireLock } from ${JSON.stringify(path.resolve('src/publish/output.ts'))}; await acquireLock(${JSON.stringify(file)}, () => {}, 20); console.log('held'); setTimeout(() => {}, 60000);`;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', script]);
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    return holder;
  }

  it('waits for a live build holding it and says so, then takes the lock', async () => {
    const file = path.join(temp('lock'), 'pages.lock');
    const holder = await holdingBuild(file);
    const waited: number[] = [];
    const acquiring = acquireLock(file, (pid) => waited.push(pid), 20);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(waited).toEqual([holder.pid]);
    expect(readFileSync(file, 'utf8')).toBe(lockText(holder.pid));
    holder.kill();
    const release = await acquiring;
    expect(readFileSync(file, 'utf8')).toBe(lockText());
    release();
    expect(existsSync(file)).toBe(false);
  });

  it('takes over the lock of a build that was killed', async () => {
    const file = path.join(temp('lock'), 'pages.lock');
    writeFileSync(file, '999999999\n\n');
    const waited: number[] = [];
    const release = await acquireLock(file, (pid) => waited.push(pid), 20);
    expect(waited).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(lockText());
    release();
  });

  it('does not wait for a live process that is not a build: a bare pid, or a pid reused since', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await new Promise((resolve) => other.once('spawn', resolve));
    try {
      for (const text of [String(other.pid), `${other.pid}\n`, `${other.pid}\n1\n`]) {
        const file = path.join(temp('lock'), 'pages.lock');
        writeFileSync(file, text);
        const waited: number[] = [];
        const release = await acquireLock(file, (pid) => waited.push(pid), 20);
        expect(waited, JSON.stringify(text)).toEqual([]);
        release();
      }
    } finally {
      other.kill();
    }
  });

  it('takes over a lock its live holder stopped refreshing (hung) for longer than LOCK_TTL_MS', async () => {
    const file = path.join(temp('lock'), 'pages.lock');
    const holder = await holdingBuild(file);
    try {
      expect(heldByBuild(readFileSync(file, 'utf8'), statSync(file).mtimeMs)).toBe(true);
      const old = new Date(Date.now() - LOCK_TTL_MS - 60_000);
      utimesSync(file, old, old);
      const waited: number[] = [];
      const release = await acquireLock(file, (pid) => waited.push(pid), 20);
      expect(waited).toEqual([]);
      release();
    } finally {
      holder.kill();
    }
  });
});
