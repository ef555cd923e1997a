/**
 * The output side of `npm run build`: a build can fail, but it never destroys.
 *
 * - guardOutputFolder: before anything is written, refuses an output folder
 *   that would replace the content, the project or someone's files;
 * - swapIn: puts the new site in place of the previous one, also when the
 *   output folder is on another filesystem;
 * - acquireLock: lets builds run side by side by waiting for each other
 *   where they share folders.
 */
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rebuildFileFor } from '../lib/rebuild.ts';
import { isWithin } from '../lib/folders.ts';

/**
 * Written into every built site: a non-empty output folder without it is not
 * ours, and is never replaced. It is published with the site (static hosts
 * serve it), so it says nothing but what it is: no path, no date, no name.
 */
export const SITE_MARKER = '.rotative-site';
export const SITE_MARKER_TEXT = 'Ce dossier est un site construit par Rotative : chaque `npm run build` le remplace en entier.\n';

/** A refusal, in plain words for the person who ran the build. */
export class OutputError extends Error {}

// ── Paths ──────────────────────────────────────────────────────────────────

/**
 * realpath for a path that may not exist yet: the deepest existing ancestor
 * is resolved (symlinks followed), the rest appended. Two spellings of one
 * folder (a symlink, `..`) then compare equal.
 */
export function realPath(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(realpathSync(cur), ...rest.reverse());
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return abs;
      rest.push(path.basename(cur));
      cur = up;
    }
  }
}


/** How a folder is named in messages: relative to where the build was run when inside it. */
export function display(p: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

export interface Placement {
  /** All resolved with realPath. */
  outDir: string;
  contentDir: string;
  projectRoot: string;
  cacheDir: string;
}

const ADVICE = 'Donnez à ROTATIVE_OUT_DIR un dossier à lui, hors du projet et du contenu (ou ne le définissez pas pour ./dist).';

/**
 * Where the output folder may be, from paths alone (pure): `<project>/dist`,
 * or anywhere outside the project and the content; never the content, the
 * project, one of their ancestors, or a folder holding the image cache.
 * Returns the reason for a refusal, or undefined.
 */
export function placementProblem({ outDir, contentDir, projectRoot, cacheDir }: Placement, cwd = process.cwd()): string | undefined {
  const out = display(outDir, cwd);
  const content = display(contentDir, cwd);
  const project = display(projectRoot, cwd);
  if (outDir === path.parse(outDir).root) return `le dossier de sortie ${out} est la racine du disque. ${ADVICE}`;
  if (outDir === contentDir) return `le dossier de sortie ${out} est le dossier de contenu : la construction remplacerait les articles par le site. ${ADVICE}`;
  if (isWithin(outDir, contentDir)) return `le dossier de sortie ${out} est dans le dossier de contenu ${content} : la construction remplacerait une partie du contenu par le site. ${ADVICE}`;
  if (outDir === projectRoot) return `le dossier de sortie ${out} est le projet lui-même : la construction remplacerait le projet par le site. ${ADVICE}`;
  if (isWithin(projectRoot, outDir)) return `le dossier de sortie ${out} contient le projet ${project} : la construction le remplacerait par le site. ${ADVICE}`;
  if (isWithin(contentDir, outDir)) return `le dossier de sortie ${out} contient le dossier de contenu ${content} : la construction remplacerait le contenu par le site. ${ADVICE}`;
  if (isWithin(outDir, projectRoot) && outDir !== path.join(projectRoot, 'dist')) {
    return `le dossier de sortie ${out} est dans le projet ${project}, où seul ${display(path.join(projectRoot, 'dist'), cwd)} peut recevoir le site. ${ADVICE}`;
  }
  if (isWithin(cacheDir, outDir)) return `le dossier de sortie ${out} contient le cache des images ${display(cacheDir, cwd)} : la construction l’effacerait. ${ADVICE}`;
  return undefined;
}

// ── The guard ──────────────────────────────────────────────────────────────

/** How the new site reaches the output folder. */
export type SwapMode =
  /** Built next to the output folder, swapped in by renaming (atomic). */
  | 'rename'
  /**
   * The parent cannot take a temporary folder (read-only) or the output
   * folder is a mount point: built elsewhere, copied into the output folder,
   * then its entries exchanged.
   */
  | 'contents';

export interface GuardResult {
  /** The output folder, resolved. */
  outDir: string;
  mode: SwapMode;
  /** Where the temporary build folder goes. */
  workParent: string;
  /**
   * Where the rebuild schedule is written, beside the output folder
   * (rebuildFileFor); undefined when the output folder's parent is read-only:
   * nothing is written there, and the build says so.
   */
  scheduleFile: string | undefined;
}

/** Returns why a non-empty output folder is not a previous Rotative site, or undefined when it may be replaced. */
export function ownershipProblem(outDir: string, cwd = process.cwd()): string | undefined {
  let stat;
  try {
    stat = lstatSync(outDir);
  } catch {
    return undefined; // nothing there yet
  }
  const out = display(outDir, cwd);
  if (!stat.isDirectory()) return `${out} existe et n’est pas un dossier. ${ADVICE}`;
  const entries = readdirSync(outDir);
  if (entries.length === 0 || entries.includes(SITE_MARKER)) return undefined;
  const shown = entries.sort().slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
  return `le dossier de sortie ${out} n’est pas vide (${shown}) et n’est pas un site construit par Rotative (il n’a pas de fichier ${SITE_MARKER}) : la construction effacerait ce qu’il contient. Videz-le ou supprimez-le vous-même si c’est un ancien site, ou ${ADVICE.charAt(0).toLowerCase()}${ADVICE.slice(1)}`;
}

/** The folder itself if it exists, else its nearest existing ancestor. */
export function nearestExisting(p: string): string {
  let cur = path.resolve(p);
  while (!existsSync(cur) && path.dirname(cur) !== cur) cur = path.dirname(cur);
  return cur;
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides, before anything is written, whether the build may replace
 * `outDir`, and how. Throws an OutputError with the reason otherwise.
 */
export function guardOutputFolder(
  { outDir, contentDir, projectRoot, cacheDir }: Placement,
  cwd = process.cwd(),
  canWrite: (dir: string) => boolean = writable,
): GuardResult {
  const placement: Placement = {
    outDir: realPath(outDir),
    contentDir: realPath(contentDir),
    projectRoot: realPath(projectRoot),
    cacheDir: realPath(cacheDir),
  };
  const problem = placementProblem(placement, cwd) ?? ownershipProblem(placement.outDir, cwd);
  if (problem) throw new OutputError(problem);

  const out = placement.outDir;
  const parent = path.dirname(out);
  const shownParent = display(parent, cwd);
  // A missing parent is created with the temporary folder (creating folders
  // destroys nothing); one that is a file cannot be.
  const ancestor = nearestExisting(parent);
  if (!statSync(ancestor).isDirectory()) {
    throw new OutputError(`${display(ancestor, cwd)} est un fichier : le dossier de sortie ${display(out, cwd)} ne peut pas être créé dessous. Choisissez un autre ROTATIVE_OUT_DIR.`);
  }
  if (ancestor !== parent) {
    if (canWrite(ancestor)) return { outDir: out, mode: 'rename', workParent: parent, scheduleFile: rebuildFileFor(out) };
    throw new OutputError(`le dossier ${shownParent} n’existe pas et ne peut pas être créé dans ${display(ancestor, cwd)} (en lecture seule ou pas à vous). Créez-le, ou choisissez un autre ROTATIVE_OUT_DIR.`);
  }
  const outExists = existsSync(out);
  const mountPoint = outExists && statSync(out).dev !== statSync(parent).dev;
  const parentWritable = canWrite(parent);
  if (parentWritable && !mountPoint) return { outDir: out, mode: 'rename', workParent: parent, scheduleFile: rebuildFileFor(out) };
  if (outExists && canWrite(out)) return { outDir: out, mode: 'contents', workParent: tmpdir(), scheduleFile: parentWritable ? rebuildFileFor(out) : undefined };
  throw new OutputError(
    `la construction ne peut pas écrire dans ${outExists ? display(out, cwd) : shownParent} (en lecture seule ou pas à vous). Rendez-le accessible en écriture, ou choisissez un autre ROTATIVE_OUT_DIR.`,
  );
}

/** Marks a built site as ours (see SITE_MARKER). */
export function markSite(site: string): void {
  writeFileSync(path.join(site, SITE_MARKER), SITE_MARKER_TEXT);
}

// ── The swap ───────────────────────────────────────────────────────────────

/** The file operations the swap uses, replaceable in tests (a rename that fails with EXDEV). */
export interface SwapFs {
  renameSync: (from: string, to: string) => void;
  cpSync: (from: string, to: string, options: { recursive: true }) => void;
  rmSync: (p: string, options: { recursive: true; force: true }) => void;
  existsSync: (p: string) => boolean;
  readdirSync: (p: string) => string[];
  mkdirSync: (p: string, options: { recursive: true }) => void;
}

const nodeFs: SwapFs = { renameSync, cpSync, rmSync, existsSync, readdirSync: (p) => readdirSync(p), mkdirSync };

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;
const crossDevice = (err: unknown) => code(err) === 'EXDEV' || code(err) === 'EBUSY';

/**
 * Replaces the previous site with `site`. By renaming when both sit on one
 * filesystem (the old site stays whole until the new one is in place); when
 * a rename crosses filesystems (EXDEV) or the output folder is a mount point
 * (EBUSY), the new site is first copied in full into the output folder,
 * then the entries are exchanged there.
 *
 * `scratch` is a folder of this build on the same filesystem as `site`.
 * `discard` receives the previous site once the new one is in place (by
 * default it is deleted there and then).
 */
export function swapIn(
  site: string,
  outDir: string,
  scratch: string,
  mode: SwapMode,
  fs: SwapFs = nodeFs,
  discard: (previous: string) => void = (p) => fs.rmSync(p, { recursive: true, force: true }),
): void {
  if (mode === 'contents') return swapContents(site, outDir, fs);
  const previous = path.join(scratch, 'previous');
  let moved = false;
  if (fs.existsSync(outDir)) {
    try {
      fs.renameSync(outDir, previous);
      moved = true;
    } catch (err) {
      if (crossDevice(err)) return swapContents(site, outDir, fs);
      throw err;
    }
  }
  try {
    fs.renameSync(site, outDir);
  } catch (err) {
    if (crossDevice(err)) {
      // The site was built on another filesystem than the output folder:
      // copy it next to the output folder first, then rename (atomic).
      const incoming = path.join(path.dirname(outDir), `.${path.basename(outDir)}-incoming-${process.pid}`);
      try {
        fs.cpSync(site, incoming, { recursive: true });
        fs.renameSync(incoming, outDir);
      } catch (copyErr) {
        fs.rmSync(incoming, { recursive: true, force: true });
        if (moved) fs.renameSync(previous, outDir);
        throw copyErr;
      }
    } else {
      if (moved) fs.renameSync(previous, outDir);
      throw err;
    }
  }
  if (moved) discard(previous);
}

/**
 * The previous site, once replaced, moves into `trash` (a folder of the
 * cache) instead of being deleted at the end of the build: deleting 10,000
 * files took 4 to 6 s at 4,000 articles. The next build empties the trash
 * while Astro renders its pages (emptyTrash). When the trash is on another
 * filesystem, the previous site is deleted at once.
 */
export function moveToTrash(trash: string): (previous: string) => void {
  return (previous) => {
    try {
      mkdirSync(trash, { recursive: true });
      renameSync(previous, path.join(trash, `${process.pid}-${Date.now()}`));
    } catch {
      rmSync(previous, { recursive: true, force: true });
    }
  };
}

/** Deletes what `trash` held when called, in the background; never rejects (another build may be emptying it too). */
export async function emptyTrash(trash: string): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(trash);
  } catch {
    return;
  }
  await Promise.all(names.map((name) => rm(path.join(trash, name), { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined)));
}

/**
 * The swap when the output folder itself cannot be renamed: the new site is
 * copied whole into a hidden folder inside it (same filesystem from then
 * on), then the old entries move aside and the new ones move in. Readers may
 * meet a mix of old and new files for the few milliseconds of the exchange,
 * never a half-copied file.
 */
function swapContents(site: string, outDir: string, fs: SwapFs): void {
  const incoming = path.join(outDir, `.rotative-incoming-${process.pid}`);
  const previous = path.join(outDir, `.rotative-previous-${process.pid}`);
  try {
    fs.cpSync(site, incoming, { recursive: true });
  } catch (err) {
    fs.rmSync(incoming, { recursive: true, force: true });
    throw err;
  }
  fs.mkdirSync(previous, { recursive: true });
  for (const name of fs.readdirSync(outDir)) {
    if (name === path.basename(incoming) || name === path.basename(previous)) continue;
    fs.renameSync(path.join(outDir, name), path.join(previous, name));
  }
  for (const name of fs.readdirSync(incoming)) fs.renameSync(path.join(incoming, name), path.join(outDir, name));
  fs.rmSync(incoming, { recursive: true, force: true });
  fs.rmSync(previous, { recursive: true, force: true });
}

// ── Builds side by side ────────────────────────────────────────────────────

const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    return pid > 0 && process.kill(pid, 0);
  } catch (err) {
    return code(err) === 'EPERM';
  }
}

/**
 * Removes the folders `<parent>/<prefix><pid>` whose process is gone: what a
 * killed build left behind (its temporary site, its Astro scratch folder).
 */
export function removeStaleFolders(parent: string, prefix: string): void {
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(prefix) && !alive(Number(name.slice(prefix.length)))) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/** The lock file for a folder that builds share, kept in the system's temporary folder (nothing is written next to it). */
export function lockFile(kind: string, folder: string): string {
  return path.join(tmpdir(), `rotative-${kind}-${createHash('sha256').update(realPath(folder)).digest('hex').slice(0, 16)}.lock`);
}

/** A lock not refreshed for this long is abandoned (a hung build, or a file that is not a build's). */
export const LOCK_TTL_MS = 5 * 60_000;
/** How often a holder refreshes its lock's modification time. */
const HEARTBEAT_MS = 20_000;
const heartbeats = new Map<string, NodeJS.Timeout>();

/**
 * What tells a running process from a later one given the same pid: its
 * start time, where the system says it (Linux: /proc/<pid>/stat, field 22);
 * '' elsewhere, where only the lock's age (LOCK_TTL_MS) tells.
 */
function processStart(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** The text of a build's lock: its pid, then its start time (processStart). */
export function lockText(pid: number = process.pid): string {
  return `${pid}\n${processStart(pid)}\n`;
}

/**
 * Whether the lock text `text`, last refreshed at `mtimeMs`, is held by a
 * running build: a lock written by a build (lockText's two lines), whose
 * process is alive and is the very process that wrote it (same start time:
 * a pid reused by another program does not count), refreshed within
 * LOCK_TTL_MS. Anything else (a bare pid, a dead or unrelated process, a
 * lock left unrefreshed) is stale, and taken over.
 */
export function heldByBuild(text: string, mtimeMs: number, now = Date.now()): boolean {
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const start = lines[1]!;
  if (lines.length !== 3 || lines[2] !== '' || !(pid > 0)) return false;
  if (!alive(pid)) return false;
  if (start !== '' && processStart(pid) !== start) return false;
  return now - mtimeMs <= LOCK_TTL_MS;
}

/**
 * Waits until no running build holds `file`, then holds it (see lockText;
 * its modification time is refreshed every HEARTBEAT_MS while held). A
 * stale lock (heldByBuild) is taken over. Hand-written: Node has no file
 * lock of its own, and a pid file is all two builds of one machine need.
 * `onWait` is called once, with the holder's pid, if waiting.
 */
export async function acquireLock(file: string, onWait: (holder: number) => void, pollMs = 250): Promise<() => void> {
  let told = false;
  let unreadable = 0;
  const mine = lockText();
  for (;;) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      held.add(file);
      const timer = setInterval(() => {
        try {
          const now = new Date();
          utimesSync(file, now, now);
        } catch {
          // taken over or removed: nothing to refresh
        }
      }, HEARTBEAT_MS);
      timer.unref();
      heartbeats.set(file, timer);
      return () => releaseLock(file);
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
    }
    let text: string;
    let mtimeMs: number;
    try {
      text = readFileSync(file, 'utf8');
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      continue; // released in between: try again at once
    }
    // Created but not written yet (the holder is between open and write):
    // read again, unless it stays empty long enough to be a crash's leftover.
    if (text === '' && ++unreadable < 20) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      continue;
    }
    if (!heldByBuild(text, mtimeMs)) {
      // Rename first: of two builds finding the same stale lock, only one
      // removes it (the other's rename fails), so neither removes a fresh one.
      const stale = `${file}.stale-${process.pid}`;
      try {
        renameSync(file, stale);
        if (readFileSync(stale, 'utf8') === text) unlinkSync(stale);
        else renameSync(stale, file); // a live build's lock, taken in between: give it back
      } catch {
        // another build is taking it over: wait for it like for any holder
      }
      continue;
    }
    if (!told) {
      onWait(Number(text.split('\n')[0]));
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export function releaseLock(file: string): void {
  if (!held.delete(file)) return;
  clearInterval(heartbeats.get(file));
  heartbeats.delete(file);
  try {
    if (readFileSync(file, 'utf8') === lockText()) unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Releases every lock this process holds (on exit, interrupted or not). */
export function releaseAllLocks(): void {
  for (const file of [...held]) releaseLock(file);
}
