/**
 * When the disk says no: the errors of the filesystem that a build meets
 * while writing (a full disk, a name too long, a folder that refuses
 * writing), named in plain words with the folder and what to do, instead of
 * a raw `ENOSPC: no space left on device, write` and a stack trace.
 *
 * One decision, one place: which error codes are the person's to act on and
 * what they are told (writeProblem); the build wraps each of its writes with
 * the folder it writes into (writingInto), and prints the refusal it gets.
 */
import { constants, copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, rmSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';

/** A write the disk refused, in plain words (`message`), with the folder it was for. */
export class WriteRefusal extends Error {
  readonly code: string;
  readonly folder: string;
  constructor(message: string, code: string, folder: string) {
    super(message);
    this.name = 'WriteRefusal';
    this.code = code;
    this.folder = folder;
  }
}

/** What each code means and what to do about it; `folder` as shown to the person. */
const PROBLEMS: Record<string, (folder: string) => string> = {
  ENOSPC: (folder) => `le disque est plein (ENOSPC) : ${folder} ne peut plus recevoir de fichier. Libérez de la place sur ce disque (le cache de Rotative, ROTATIVE_CACHE_DIR, peut être supprimé sans risque : la construction suivante le refait), puis relancez la construction`,
  EDQUOT: (folder) => `votre quota de disque est atteint (EDQUOT) : ${folder} ne peut plus recevoir de fichier. Libérez de la place (le cache de Rotative, ROTATIVE_CACHE_DIR, peut être supprimé sans risque), puis relancez la construction`,
  ENAMETOOLONG: (folder) => `un nom de fichier est trop long pour le système de fichiers (ENAMETOOLONG) dans ${folder}. Choisissez un dossier au chemin plus court (ROTATIVE_OUT_DIR, ROTATIVE_CACHE_DIR), ou raccourcissez l’adresse qui donne ce nom (slug, étiquette, ancienne adresse)`,
  EROFS: (folder) => `${folder} est sur un disque en lecture seule (EROFS). Choisissez un dossier accessible en écriture`,
  EACCES: (folder) => `${folder} refuse l’écriture (EACCES : pas à vous, ou en lecture seule). Rendez-le accessible en écriture, ou choisissez un autre dossier`,
  EPERM: (folder) => `${folder} refuse l’écriture (EPERM : pas à vous, ou protégé). Rendez-le accessible en écriture, ou choisissez un autre dossier`,
  EMFILE: (folder) => `trop de fichiers ouverts à la fois (EMFILE) en écrivant dans ${folder}. Relevez la limite du système (ulimit -n), puis relancez la construction`,
  ENFILE: (folder) => `trop de fichiers ouverts sur la machine (ENFILE) en écrivant dans ${folder}. Fermez des programmes, puis relancez la construction`,
  EIO: (folder) => `le disque de ${folder} a renvoyé une erreur de lecture ou d’écriture (EIO). Vérifiez le disque, puis relancez la construction`,
};

/** The error code of a filesystem error, looked for along its `cause` chain (Astro wraps the errors it meets). */
export function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const found = (e as NodeJS.ErrnoException).code;
    if (typeof found === 'string' && found in PROBLEMS) return found;
    const inMessage = /\b(E[A-Z]+):/.exec(String((e as Error).message ?? ''))?.[1];
    if (inMessage && inMessage in PROBLEMS) return inMessage;
  }
  return undefined;
}

/**
 * The refusal for `err` met while writing `what` into `folder`, or undefined
 * when it is not a filesystem error a person can act on (a bug: left as it is).
 * An error already named (a WriteRefusal) is kept as it is.
 */
export function writeRefusal(err: unknown, folder: string, what: string, cwd = process.cwd()): WriteRefusal | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof WriteRefusal) return e;
    // The same class loaded a second time (Astro's module graph runs the content pass): known by its name.
    const named = e as Partial<WriteRefusal>;
    if (named.name === 'WriteRefusal' && typeof named.message === 'string' && typeof named.code === 'string' && typeof named.folder === 'string') {
      return new WriteRefusal(named.message, named.code, named.folder);
    }
  }
  const code = errorCode(err);
  if (!code) return undefined;
  // The folder of the very file refused, when the error names it (an open, a mkdir).
  const failed = (err as NodeJS.ErrnoException).path;
  if (typeof failed === 'string' && path.isAbsolute(failed)) folder = path.dirname(failed);
  const rel = path.relative(cwd, folder);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? folder : rel;
  return new WriteRefusal(`impossible d’écrire ${what} : ${PROBLEMS[code]!(shown)}.`, code, folder);
}

/** Runs `write`; a filesystem error it throws becomes a WriteRefusal naming `folder` and `what`. */
export function writingInto<T>(folder: string, what: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    throw writeRefusal(err, folder, what) ?? err;
  }
}

/** writingInto for an asynchronous write. */
export async function writingIntoAsync<T>(folder: string, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw writeRefusal(err, folder, what) ?? err;
  }
}

let temporaries = 0;

/**
 * The name a file is written under before it is renamed to `target`: one of
 * its own for each write, so that two writers of the same file (two tasks
 * making one image variant, two builds) never write into, or rename away,
 * each other's.
 */
export function temporaryName(target: string): string {
  return `${target}.${process.pid}-${++temporaries}.tmp`;
}

/**
 * Writes `data` as `file`, whole or not at all: under a temporary name
 * (temporaryName), then renamed; the temporary file is removed when the
 * write fails (a full disk). Makes the folder when it is missing.
 */
export function replaceFile(file: string, data: string | Uint8Array): void {
  const temp = temporaryName(file);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * replaceFile for a writer that writes a file itself (sharp's toFile):
 * `write` is given the temporary name to write; the file is then renamed
 * to `file`, or removed when the write fails.
 */
export async function replaceFileWith(file: string, write: (temp: string) => Promise<unknown>): Promise<void> {
  const temp = temporaryName(file);
  try {
    await write(temp);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Moves everything in `from` into `to`, by renaming (one filesystem): a
 * folder that `to` already has is merged, entry by entry; a file it already
 * has is an error, never overwritten (two writers of one file is a bug).
 */
export function moveInto(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    const there = lstatSync(target, { throwIfNoEntry: false });
    if (!there) renameSync(source, target);
    else if (entry.isDirectory() && there.isDirectory()) moveInto(source, target);
    else throw new Error(`moveInto: ${target} already exists`);
  }
}

/**
 * A published image is a hard link to its cache entry: no byte written
 * again, and no file made (making thousands of files is what costs: 0.3 ms
 * each on one test machine's disk, 0.04 on another's, where a link takes
 * about 0.013). The share cards (src/content/share-images.ts) and the
 * search indexes (src/publish/search.ts) are published the same way. Editing it in
 * place in the output folder edits the cache's too: the next build's check
 * of the image cache (verifyImageCache, src/publish/restore.ts) finds its
 * bytes no longer the signed ones and makes it again. A copy (a reflink
 * where the filesystem can) where links cannot be made: another
 * filesystem, a filesystem without links.
 */
export function publishCachedFile(from: string, to: string): void {
  try {
    linkSync(from, to);
    return;
  } catch (err) {
    // A name taken (the site's folder starts empty: rare) is freed, then
    // linked again: one call per file rather than a look before each.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      unlinkSync(to);
      return publishCachedFile(from, to);
    }
  }
  copyFileSync(from, to, constants.COPYFILE_FICLONE);
}
