/**
 * Unchanged pages restored by hard link. Astro's incremental build restores
 * each page it finds unchanged by copying it from its cache
 * (`<ROTATIVE_CACHE_DIR>/astro/<tree>/dist/`) into the new output folder
 * (`restoreOutputFile`, astro/dist/core/build/incremental.js): 5,743 copies
 * for 4,000 articles. A hard link gives the same file without writing its
 * bytes again; Astro has no option for it, so its file calls are wrapped in
 * the pages process (scripts/render-pages.ts), and nowhere else.
 *
 * A linked file is one file under two names: written in place through one
 * name, it changes under the other. So, in the pages process:
 * - nothing is ever written through a link: a write to a file that has
 *   another name (the cache's copy of a page, a page of the new site)
 *   replaces it with a new file, and the other name keeps the old bytes;
 * - a page Astro renders and then stores in its cache (the same text written
 *   twice, the page then its copy) is one file under both names from the
 *   start, as a restored page is: the next build restores it by link and
 *   finds the very file the previous site published;
 * - a page of the previous site that was edited in place since it was
 *   published (its bytes differ from the record of the build that wrote it)
 *   takes its cache copy with it when they are one file: that copy is
 *   deleted before Astro runs (dropEditedCopies, by scripts/build.ts), and
 *   the page is rendered again; without that record, every copy that is one
 *   file with a page of the previous site is.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, linkSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { digestAsRecorded, isProcessedImage, stampedAsRecorded, type BuildRecord } from './unchanged.ts';
import { fileSha256, identityOfStats, stampOf } from './stamps.ts';
import { replaceFile } from './disk.ts';
import { listTree } from './tree.ts';

type PathArg = string | URL | Buffer;
const asPath = (p: PathArg): string | undefined => (typeof p === 'string' ? p : p instanceof URL ? fileURLToPath(p) : undefined);
const inside = (file: string, dir: string) => {
  const rel = path.relative(dir, path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** A file with another name: written in place, it would change under that name too. */
function shared(file: string): boolean {
  return (lstatSync(file, { throwIfNoEntry: false })?.nlink ?? 1) > 1;
}

/**
 * The cache copies of the previous site's pages that were edited in place
 * since their build, when they are the same file as the page: they hold the
 * edit too. Returns the ones deleted. Called before the earlier sites in the
 * trash are deleted: their names of the same files, removed, would move the
 * pages' stamps, and every page would be read to be compared.
 */
export function dropEditedCopies(astroCache: string, previousSite: string, record: Pick<BuildRecord, 'files' | 'stamps'> | undefined): string[] {
  if (!existsSync(previousSite) || !existsSync(astroCache)) return [];
  const trees = readdirSync(astroCache, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(astroCache, d.name, 'dist'));
  const dropped: string[] = [];
  // Without the record of the build that wrote the previous site (none, or
  // of another version), no page can be shown unedited: every linked copy goes.
  const pages = record ? Object.keys(record.files) : listTree(previousSite).files;
  for (const rel of pages) {
    // Never a copy of Astro's: most of a site's files (40,000 share-card
    // files at 10,000 articles), each stat'ed here in every tree of it.
    if (isProcessedImage(rel)) continue;
    const file = path.join(previousSite, rel);
    // A page with its recorded stamp was not written since (holdsRecorded,
    // in two halves): its copies are not looked for.
    if (record !== undefined && stampedAsRecorded(file, record, rel)) continue;
    // Only a page that is one file with a cache copy is read and compared.
    const page = statSync(file, { throwIfNoEntry: false });
    if (!page || page.nlink < 2) continue;
    const copies = trees.map((tree) => path.join(tree, rel)).filter((copy) => {
      const s = statSync(copy, { throwIfNoEntry: false });
      return s !== undefined && s.ino === page.ino && s.dev === page.dev;
    });
    if (copies.length === 0 || (record !== undefined && digestAsRecorded(file, record, rel))) continue;
    for (const copy of copies) {
      unlinkSync(copy);
      dropped.push(copy);
    }
  }
  return dropped;
}

/**
 * Makes Astro's restores of cached pages into `pages` hard links (a copy
 * when the link fails: another filesystem, a filesystem without links), its
 * cache copy of a page it just rendered into `pages` a link to that page,
 * and its writes under `astroCache` and `pages` never write through a link.
 */
export function restoreLinked({ astroCache, pages }: { astroCache: string; pages: string }): void {
  const promises = fs.promises;
  const copyFile = promises.copyFile.bind(promises);
  const writeFile = promises.writeFile.bind(promises);
  const mkdir = promises.mkdir.bind(promises);
  // Astro makes each restored page's folder before restoring it, and awaits
  // both in turn: made at once too, as the link below.
  promises.mkdir = (async (dir: PathArg, options?: Parameters<typeof mkdir>[1]) => {
    const target = asPath(dir);
    if (target && (inside(target, pages) || inside(target, astroCache))) return fs.mkdirSync(target, options);
    return mkdir(dir, options);
  }) as typeof promises.mkdir;
  promises.copyFile = async (src: PathArg, dest: PathArg, mode?: number) => {
    const from = asPath(src);
    const to = asPath(dest);
    if (from && to && inside(from, astroCache) && inside(to, pages)) {
      try {
        // At once rather than through libuv's threads: Astro awaits each
        // restore in turn, and a link is quicker than the trip.
        linkSync(from, to);
        return;
      } catch {
        // Not linkable here, or a file is there already (EEXIST): copied over, as Astro would.
      }
    }
    return copyFile(src, dest, mode);
  };
  // The pages just written, by the text written: Astro stores a page in its
  // cache right after writing it (generate.js: writeFile, then
  // writeOutputFile with the same body). A few only: pages Astro does not
  // cache (no cacheKey) are never asked for.
  const written = new Map<unknown, string>();
  promises.writeFile = (async (file: Parameters<typeof writeFile>[0], data: Parameters<typeof writeFile>[1], opts?: Parameters<typeof writeFile>[2]) => {
    const target = typeof file === 'object' && !(file instanceof URL) && !Buffer.isBuffer(file) ? undefined : asPath(file as PathArg);
    const page = target && inside(target, astroCache) ? written.get(data) : undefined;
    if (page !== undefined) {
      written.delete(data);
      rmSync(target!, { force: true });
      try {
        linkSync(page, target!);
        return;
      } catch {
        // Not linkable here: written, as Astro would.
      }
    }
    if (target && (inside(target, astroCache) || inside(target, pages)) && shared(target)) await promises.unlink(target);
    await writeFile(file, data, opts);
    if (target && inside(target, pages) && (typeof data === 'string' || data instanceof Uint8Array)) {
      written.set(data, target);
      if (written.size > 16) written.delete(written.keys().next().value);
    }
  }) as typeof promises.writeFile;
}

// ── Astro's cache is untrusted input ───────────────────────────────────────

/**
 * Astro's own cache for one content tree (its data store, its incremental
 * build manifest, a copy of every page it rendered): a folder of the
 * Rotative cache per content tree, so that two trees (the sample, a test
 * fixture) never share or overwrite each other's.
 */
export function astroCacheFolder(cacheDir: string, contentDir: string): string {
  return path.join(astroCacheRoot(cacheDir), createHash('sha256').update(contentDir).digest('hex').slice(0, 12));
}

/** The folder of Astro's caches (one per content tree: astroCacheFolder) in the cache folder `cacheDir`. */
export function astroCacheRoot(cacheDir: string): string {
  return path.join(cacheDir, 'astro');
}

/** Where a tree's signatures are kept, inside it (never itself signed). */
const SIGNATURES = 'rotative-signatures.json';
/** 2: each file's stamp signed with its digest; 1 (digests alone) is still read. */
const SIGNATURES_FORMAT = 2;

/** A file found as signed, as it stood when checked: unchanged since, its digest still holds. */
interface Checked {
  sha: string;
  size: number;
  mtimeMs: number;
  ino: number;
}
export type CheckedFiles = Map<string, Checked>;

const macOf = (secret: Buffer, files: Record<string, string>, stamps?: Record<string, string>) =>
  createHmac('sha256', secret)
    .update(JSON.stringify(stamps === undefined ? files : { files, stamps }))
    .digest();

/** Every file of the tree but its signatures, relative to it, in a fixed order. */
function treeFiles(tree: string): string[] {
  return listTree(tree)
    .files.filter((rel) => rel !== SIGNATURES && !rel.startsWith(`${SIGNATURES}.`))
    .sort();
}

/**
 * Checks Astro's cache folder `tree` (astroCacheFolder) against the
 * signatures the previous build left in it (signTree): the sha256 of
 * every file, under an HMAC-SHA256 with `secret`, a key the cache folder
 * does not hold (src/render/cache.ts cacheSecret). Whoever can write the
 * cache (a restored CI cache, another account) cannot have a page published
 * that this build's renderer did not write: a file whose bytes differ from
 * its signature, or that has none, is deleted before Astro runs, with one
 * notice, and Astro renders that page again (a page it would restore but
 * finds missing, it renders); signatures that do not verify make the whole
 * folder untrusted, deleted with one notice.
 *
 * What Astro reads before it renders (its data store, its incremental build
 * manifest) and the signatures themselves are checked at once, and their
 * notices returned; the copies of the pages (`dist/`) in a worker thread, on
 * another core, while Astro starts: on a cache restored as new files (the
 * publish workflow's) each of them is read and hashed, about a second at
 * 4,000 articles. That worker starts once `after` settles (another check,
 * needed sooner: two at once slow Astro's start on two cores). `pages`
 * settles with their notices and every file found as signed; Astro must
 * not restore a page before then.
 *
 * Signing rather than sanitising again: a page is Astro's whole output (the
 * layout, its scripts), not a body the sanitiser can judge.
 */
export function verifyAstroCacheAside(
  tree: string,
  secret: Buffer,
  after: Promise<unknown> = Promise.resolve(),
): { notices: string[]; pages: Promise<{ notices: string[]; checked: CheckedFiles }> } {
  return verifyTreeAside(tree, secret, PAGES, (rel) => rel.startsWith('dist/'), after);
}

/**
 * The image cache (`<ROTATIVE_CACHE_DIR>/images/`: every image variant and
 * share card) checked against the signatures the previous build left in it
 * (signTree), in a worker thread. Its files are named by what made them
 * (the source's bytes, the encoder, the card's text), and trusted by that
 * name as they always were: a file no build signed (one a build made and
 * could not sign, one from before the signatures) is kept, and signed at
 * the end of this build. The signatures are for what the published site
 * does to them: a published image is one file with its cache entry (a hard
 * link), so an image edited in place in the output folder changes the
 * cache's too; the check finds its bytes no longer the signed ones, deletes
 * it with one notice, and this build makes it again.
 */
export function verifyImageCache(dir: string, secret: Buffer): Promise<{ notices: string[]; checked: CheckedFiles }> {
  // Nothing of it is needed at once: its signatures are read in the worker too.
  return inWorker({ tree: dir, secret, policy: IMAGES });
}

/** verifyAstroCacheAside: the files `aside` says in a worker thread once `after` settles, the others at once. */
function verifyTreeAside(
  tree: string,
  secret: Buffer,
  policy: TreePolicy,
  aside: (rel: string) => boolean,
  after: Promise<unknown> = Promise.resolve(),
): { notices: string[]; pages: Promise<{ notices: string[]; checked: CheckedFiles }> } {
  const { notices, signed, files } = readSignatures(tree, secret, policy);
  if (!signed) return { notices, pages: Promise.resolve({ notices: [], checked: new Map() }) };
  const first = checkSigned(tree, files.filter((rel) => !aside(rel)), signed, policy);
  const later = files.filter(aside);
  const pages = later.length === 0 ? Promise.resolve({ notices: [], checked: new Map() }) : after.then(() => inWorker({ tree, files: later, signed, policy }));
  return {
    notices: [...notices, ...first.notices],
    pages: pages.then((p) => ({ notices: p.notices, checked: new Map([...first.checked, ...p.checked]) })),
  };
}

/** The check `request` asks for, in a worker thread (verify-worker.ts): another core while Astro starts on this one. */
function inWorker(request: CheckRequest): Promise<{ notices: string[]; checked: CheckedFiles }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./verify-worker.ts', import.meta.url), { workerData: request });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the check of the cache ${request.tree} stopped (exit ${code})`)));
  });
}

/** Which cache a notice names, and what becomes of a file no build signed. */
interface TreePolicy {
  label: string;
  /** `delete`: it is not trusted (Astro's cache: rendered again); `trust`: kept, trusted by its name (the image cache). */
  unsigned: 'delete' | 'trust';
}
const PAGES: TreePolicy = { label: 'cache des pages', unsigned: 'delete' };
const IMAGES: TreePolicy = { label: 'cache des images', unsigned: 'trust' };

interface Signed {
  files: Record<string, string>;
  stamps: Record<string, string>;
}

/** What verify-worker.ts is given: a whole tree and the key of its signatures (verifyTree), or some of its files and the signatures already read (checkSigned). */
export type CheckRequest = { tree: string; policy: TreePolicy } & ({ secret: Buffer } | { files: string[]; signed: Signed });

/** The whole tree checked against its signatures: readSignatures, then checkSigned of every file. */
export function verifyTree(tree: string, secret: Buffer, policy: TreePolicy): { notices: string[]; checked: CheckedFiles } {
  const { notices, signed, files } = readSignatures(tree, secret, policy);
  if (!signed) return { notices, checked: new Map() };
  const found = checkSigned(tree, files, signed, policy);
  return { notices: [...notices, ...found.notices], checked: found.checked };
}

/**
 * The files of `tree` and the signatures the previous build left in it, when
 * they verify. When they do not: Astro's cache is deleted whole, with one
 * notice; the image cache is kept, every file as no build signed it.
 */
function readSignatures(tree: string, secret: Buffer, policy: TreePolicy): { notices: string[]; signed?: Signed; files: string[] } {
  if (!existsSync(tree)) return { notices: [], files: [] };
  const files = treeFiles(tree);
  if (files.length === 0) return { notices: [], files };
  try {
    const stored = JSON.parse(readFileSync(path.join(tree, SIGNATURES), 'utf8')) as { format?: unknown; files?: unknown; stamps?: unknown; mac?: unknown };
    const stamped = stored.format === SIGNATURES_FORMAT && typeof stored.stamps === 'object' && stored.stamps !== null;
    if ((stamped || stored.format === 1) && typeof stored.files === 'object' && stored.files !== null && typeof stored.mac === 'string') {
      const signedFiles = stored.files as Record<string, string>;
      const stamps = stamped ? (stored.stamps as Record<string, string>) : undefined;
      const expected = macOf(secret, signedFiles, stamps);
      const found = Buffer.from(stored.mac, 'base64url');
      if (found.length === expected.length && timingSafeEqual(found, expected)) return { notices: [], signed: { files: signedFiles, stamps: stamps ?? {} }, files };
    }
  } catch {
    // No signatures, or not readable: the folder is not trusted.
  }
  if (policy.unsigned === 'trust') return { notices: [], signed: { files: {}, stamps: {} }, files };
  rmSync(tree, { recursive: true, force: true });
  return { notices: [`${policy.label} : ${tree} ignoré, sans signature valide (écrit par une autre version ou d’ailleurs) ; toutes les pages sont rendues à nouveau`], files: [] };
}

/**
 * Checks `files` of `tree` against `signed`: one whose bytes are not the
 * signed ones is deleted, with a notice; so is one no build signed, unless
 * `policy` trusts it by its name.
 */
export function checkSigned(tree: string, files: readonly string[], signed: Signed, policy: TreePolicy): { notices: string[]; checked: CheckedFiles } {
  const checked: CheckedFiles = new Map();
  const notices: string[] = [];
  for (const rel of files) {
    const file = path.join(tree, rel);
    const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
    // A file with the stamp it was signed with was not written since (its
    // change time moves with any write, link or unlink, and no tool sets it
    // back): its signed digest holds without reading it again.
    const sha = stat && (signed.stamps[rel] === stampOf(stat) ? signed.files[rel]! : fileSha256(file));
    // Gone since the folder was listed: a temporary file another build renamed (the image cache is shared).
    if (!stat || sha === undefined) continue;
    const unsigned = signed.files[rel] === undefined;
    if (signed.files[rel] === sha || (unsigned && policy.unsigned === 'trust')) checked.set(rel, { sha, size: Number(stat.size), mtimeMs: Number(stat.mtimeMs), ino: Number(stat.ino) });
    else {
      rmSync(file, { force: true });
      notices.push(`${policy.label} : entrée ignorée (${rel}), ${unsigned ? 'sans signature' : 'modifiée depuis la construction qui l’a écrite'} ; ce qu’elle gardait est refait`);
    }
  }
  return { notices, checked };
}

/**
 * Deletes from the image cache `dir` every file this build does not
 * publish (`used`, by name) that was there before it started (`since`, a
 * time in ms): the variants of images no longer used, the cards of edited
 * titles, every file of an encoder or a template that changed. Without it
 * the cache a workflow restores and saves grows with each change (a
 * gigabyte of share cards at 4,000 articles for each change of the cards'
 * code), and each build checks all of it. Called while the build holds the
 * project's pages lock: no other build of this project reads or writes the
 * cache meanwhile; a file made since `since` (by a dev server) is kept. The
 * signatures are kept: the build signs the cache as it stands afterwards.
 * Returns how many files, and how many bytes, were deleted.
 */
export function pruneImageCache(dir: string, used: ReadonlySet<string>, since: number): { files: number; bytes: number } {
  const pruned = { files: 0, bytes: 0 };
  if (!existsSync(dir)) return pruned;
  for (const rel of treeFiles(dir)) {
    if (used.has(rel)) continue;
    const file = path.join(dir, rel);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs >= since) continue;
    rmSync(file, { force: true });
    pruned.files++;
    pruned.bytes += stat.size;
  }
  return pruned;
}

/**
 * Signs a cache folder `tree` (Astro's, the images') as this build leaves it (see
 * verifyAstroCacheAside, verifyImageCache): every file's digest and stamp. A file unchanged since
 * it was checked keeps its digest, any other (written by Astro during this
 * build) is read and hashed. Returns every file's sha256 (hex) by its
 * identity (fileIdentity): a page of the new site is one file with its copy
 * here, and the check before the swap need not read it to know its digest.
 */
export function signTree(tree: string, secret: Buffer, checked: CheckedFiles): Record<string, string> {
  const byIdentity: Record<string, string> = {};
  if (!existsSync(tree)) return byIdentity;
  const files: Record<string, string> = {};
  const stamps: Record<string, string> = {};
  for (const rel of treeFiles(tree)) {
    const file = path.join(tree, rel);
    const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
    const before = checked.get(rel);
    const same = stat && before && before.size === Number(stat.size) && before.mtimeMs === Number(stat.mtimeMs) && before.ino === Number(stat.ino);
    const sha = same ? before.sha : stat && fileSha256(file);
    // Gone since the folder was listed (see checkSigned): not signed.
    if (!stat || sha === undefined) continue;
    files[rel] = sha;
    stamps[rel] = stampOf(stat);
    byIdentity[identityOfStats(stat)] = sha;
  }
  replaceFile(path.join(tree, SIGNATURES), JSON.stringify({ format: SIGNATURES_FORMAT, files, stamps, mac: macOf(secret, files, stamps).toString('base64url') }));
  return byIdentity;
}
