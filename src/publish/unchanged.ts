/**
 * "Nothing changed": a build whose every input is the one of the previous
 * build, at a moment between that build's own and its next scheduled change, would write
 * the same site byte for byte. `npm run build` then checks that the site in
 * the output folder is still the one it wrote, and stops there.
 *
 * The inputs are every file of the content tree (path and bytes), the code
 * that builds the site (src/, scripts/, public/, the configuration files and
 * the lock file, which pins every library), Node's version and the
 * environment variables a build reads. Time is the previous build's
 * schedule (src/lib/rebuild.ts): the first moment at which the same content
 * gives another site. The output folder is compared, file by file, with the
 * list of files and the hashes of their bytes recorded right after the swap:
 * a file edited, added or removed by hand means a full build. A file whose
 * stamp (inode, size, modification and change times) is the recorded one
 * has not been written since and is not read again; any other is read and
 * hashed (see fileStamp, src/publish/stamps.ts).
 *
 * The record lives in the cache folder: deleting it (or
 * ROTATIVE_FULL_BUILD=1) makes the next build a full one.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheSecret } from '../config/cache-secret.ts';
import type { Environment } from '../config/environment.ts';
import { walkContent } from '../content/files.ts';
import { replaceFile } from './disk.ts';
import { changeTimeOf, fileSha256, fileStamp, folderStamp, identityOf, readableSha256 } from './stamps.ts';
import { IMAGES_FOLDER } from '../lib/urls.ts';

const VERSION = 4;

/** What was recorded after a complete build. */
export interface BuildRecord {
  version: number;
  /** Digest of the inputs (see inputsDigest). */
  inputs: string;
  /** The first moment (ISO 8601) at which the same inputs give another site; null when none. */
  next: string | null;
  /** When the build ran: shown when the site is found up to date. */
  builtAt: string;
  /** Every file of the output folder: relative path → sha256 of its bytes, or '' for a file recorded by its stamp alone (recordOutput). */
  files: Record<string, string>;
  /** The stamp of each file when the record was made (fileStamp); a file listed in `files` may have none. */
  stamps: Record<string, string>;
  /** The stamp of each folder ('' for the output folder) when the record was made (folderStamp); absent from older records. */
  folders?: Record<string, string>;
  /** The content files' stamps and sha256 when the build began (ContentDigests), signed (signedContent); absent from older records. */
  content?: { stamps: Record<string, [stamp: string, sha256: string]>; mac: string };
  /**
   * Its summary (articles published and scheduled, pages, feeds, images,
   * next rebuild, warnings), without what only that build did (what it
   * rendered, its times): shown again when its site stands.
   */
  summary: string[];
}

/** Environment variables a build (Astro, Vite, Node included) may read. */
const ENV_PREFIXES = ['ROTATIVE_', 'SITE_', 'ASTRO_', 'VITE_', 'NODE_', 'PAGEFIND_'];
/** Variables that do not change the site: the clock is judged by clockProblem, verbosity only changes the log, the cache key only signs the render cache. */
const ENV_IGNORED = new Set(['ROTATIVE_NOW', 'ROTATIVE_VERBOSE', 'ROTATIVE_FULL_BUILD', 'ROTATIVE_CACHE_KEY']);

/**
 * The project's files that make the site, besides node_modules (pinned by
 * the lock file; a dependency patched by hand needs ROTATIVE_FULL_BUILD=1).
 * The .env files are those Vite reads for a production build.
 */
export const CODE = ['src', 'scripts', 'public', 'astro.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', '.env', '.env.local', '.env.production', '.env.production.local'];

/**
 * Every regular file under `root` (symbolic links followed), relative paths
 * sorted. `folders` receives every folder met ('' for `root`). Given the
 * record of an earlier listing (`since`: its files and its folders'
 * stamps), a folder whose stamp is the recorded one is not read again: its
 * entries are the recorded ones, since no name in it was added, removed or
 * replaced (folderStamp). At 10,000 articles, 15,000 folders: listing them
 * took about 0.5 s of a build with nothing to do, their stamps a sixth of that.
 */
function filesUnder(root: string, { folders, since }: { folders?: string[]; since?: Pick<BuildRecord, 'files' | 'folders'> } = {}): string[] {
  const out: string[] = [];
  const held = since?.folders && heldByFolder(since.files, since.folders);
  const walk = (dir: string, rel: string) => {
    folders?.push(rel);
    const recorded = since?.folders?.[rel];
    if (held && recorded !== undefined && folderStamp(dir) === recorded) {
      const { files, subfolders } = held.get(rel) ?? { files: [], subfolders: [] };
      out.push(...files);
      for (const sub of subfolders) walk(path.join(root, sub), sub);
      return;
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      // Most entries are files, named by their relative path alone: the
      // absolute path is made for the others (66,000 files at 10,000 articles).
      const stats = entry.isSymbolicLink() ? statSync(path.join(dir, entry.name), { throwIfNoEntry: false }) : entry;
      if (!stats) out.push(relPath); // a dangling link: its name still counts
      else if (stats.isDirectory()) walk(path.join(dir, entry.name), relPath);
      else out.push(relPath);
    }
  };
  walk(root, '');
  return out.sort();
}

/** The recorded files and folders by the folder that holds them. */
function heldByFolder(files: Record<string, string>, folders: Record<string, string>): Map<string, { files: string[]; subfolders: string[] }> {
  const held = new Map<string, { files: string[]; subfolders: string[] }>();
  const holder = (rel: string) => {
    const parent = rel.slice(0, Math.max(0, rel.lastIndexOf('/')));
    let h = held.get(parent);
    if (!h) held.set(parent, (h = { files: [], subfolders: [] }));
    return h;
  };
  for (const rel of Object.keys(files)) holder(rel).files.push(rel);
  for (const rel of Object.keys(folders)) if (rel !== '') holder(rel).subfolders.push(rel);
  return held;
}

function hashTree(hash: ReturnType<typeof createHash>, label: string, root: string): void {
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    hash.update(`${label}\0missing\0`);
    return;
  }
  const files = isDir ? filesUnder(root) : [''];
  for (const rel of files) {
    const abs = rel ? path.join(root, rel) : root;
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch {
      bytes = Buffer.from('\0unreadable\0');
    }
    hash.update(`${label}/${rel}\0${bytes.length}\0`).update(bytes);
  }
}

/**
 * A digest of the project's code (CODE, file by file). Also part of every
 * page's key for Astro's cache (src/data/articles.ts pageKey): each page's
 * policy lists the hashes of every inline script and style of the whole
 * site, so a page restored after any edit of the code could name scripts
 * and styles of another build.
 */
export function projectCodeDigest(projectRoot: string): string {
  const hash = createHash('sha256');
  for (const entry of CODE) hashTree(hash, `code:${entry}`, path.join(projectRoot, entry));
  return hash.digest('hex');
}

/**
 * The content files' sha256 as inputsDigest finds them. `found`: by absolute
 * path, for the content pass, which need not read an image again to name
 * its variants (src/content/images.ts knowContentDigests). `stamps`: for the
 * build's record, each file's stamp and sha256, but for a file changed in
 * the second before it was seen (the filesystem's clock is coarser than
 * the process's: a second save within the same tick could keep the
 * stamp). `previous`: the previous record's, whose sha256 stands for a file
 * that still has its stamp, without reading it (80 MB at 10,000 articles,
 * 190 MB with 1,000 covers: 0.3-0.5 s of every build).
 */
export interface ContentDigests {
  found: Map<string, string>;
  stamps: Record<string, [stamp: string, sha256: string]>;
  previous?: Record<string, [stamp: string, sha256: string]> | undefined;
}

/**
 * The content stamps as the record keeps them: under an HMAC-SHA256 with
 * the cache's secret, which the cache folder does not hold
 * (src/config/cache-secret.ts). The record lies in the cache folder, which
 * is not trusted (a workflow restores it from a shared store): a sha256 it
 * gives for a file names that file's images (knowContentDigests).
 */
export function signedContent(stamps: ContentDigests['stamps'], secret: Buffer = cacheSecret()): NonNullable<BuildRecord['content']> {
  return { stamps, mac: contentMac(stamps, secret) };
}

/** The record's content stamps when their signature holds (signedContent); undefined otherwise. */
export function trustedContent(record: Pick<BuildRecord, 'content'> | undefined, secret: Buffer = cacheSecret()): ContentDigests['stamps'] | undefined {
  const content = record?.content;
  if (!content || typeof content.mac !== 'string' || !content.stamps || typeof content.stamps !== 'object') return undefined;
  const found = Buffer.from(content.mac, 'base64url');
  const expected = Buffer.from(contentMac(content.stamps, secret), 'base64url');
  return found.length === expected.length && timingSafeEqual(found, expected) ? content.stamps : undefined;
}

const contentMac = (stamps: ContentDigests['stamps'], secret: Buffer) => createHmac('sha256', secret).update(JSON.stringify(stamps)).digest('base64url');

/** A file changed less than this long before its stamp was taken: its stamp is not recorded (ContentDigests). */
const SETTLED_NS = 1_000_000_000n;

/**
 * A digest of everything a build reads: content, code, Node, environment.
 * Each file of the content folder is hashed on its own (its sha256 goes into
 * the digest), or its sha256 taken from `content.previous` (ContentDigests).
 */
export function inputsDigest(env: Environment, projectRoot: string, processEnv: NodeJS.ProcessEnv = process.env, content?: ContentDigests): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version: VERSION, node: process.version, contentDir: env.contentDir, outDir: env.outDir, cacheDir: env.cacheDir, siteUrl: env.siteUrl }));
  const vars = Object.keys(processEnv)
    .filter((k) => ENV_PREFIXES.some((p) => k.startsWith(p)) && !ENV_IGNORED.has(k))
    .sort()
    .map((k) => [k, processEnv[k]]);
  hash.update(JSON.stringify(vars));
  hash.update(projectCodeDigest(projectRoot));
  // The content folder is listed as the content phase lists it (src/content/files.ts):
  // no link followed, so a link to `.` or `/` is a name, not an endless walk.
  const walked = walkContent(env.contentDir);
  const settledBefore = BigInt(Date.now()) * 1_000_000n - SETTLED_NS;
  for (const entry of walked.entries) {
    let sha: string | undefined;
    try {
      if (entry.type === 'link') sha = createHash('sha256').update(`\0link\0${readlinkSync(entry.abs)}`).digest('hex');
      else {
        const stamp = fileStamp(entry.abs);
        const before = stamp === undefined ? undefined : content?.previous?.[entry.abs];
        // Read through one buffer (fileSha256): a new buffer for each file cost its memory's page faults (400 covers: 320 ms of 350).
        sha = Array.isArray(before) && before[0] === stamp && typeof before[1] === 'string' ? before[1] : fileSha256(entry.abs);
        if (sha && content) {
          content.found.set(entry.abs, sha);
          // Stamped before it was read: a file written since has another stamp.
          if (stamp !== undefined && changeTimeOf(stamp) < settledBefore) content.stamps[entry.abs] = [stamp, sha];
        }
      }
    } catch {
      sha = undefined;
    }
    hash.update(`content/${entry.rel}\0${sha ?? 'unreadable'}\0`);
  }
  for (const refused of walked.problems) hash.update(`content-refused/${refused.file}\0`);
  return hash.digest('hex');
}

/** How the record keeps a file's sha256 (hex): in base64url, shorter. */
const recordedDigest = (sha: string) => Buffer.from(sha, 'hex').toString('base64url');

/**
 * The sha256 of a file's bytes: not its size and modification time alone, as
 * an edit of the same length with the old time put back (`touch -r`) would
 * pass for the built file.
 */
function fileDigest(file: string): string {
  const sha = readableSha256(file);
  return sha === undefined ? 'unreadable' : recordedDigest(sha);
}

/**
 * Waits until the filesystem's clock (the one that dates files, coarser than
 * the process's: a few milliseconds) has moved past every write made so
 * far, checked with a probe file in `dir`: a file written after the stamps
 * are taken then gets a later change time than its recorded one, even
 * within the same tick of that clock as the build's last write. Gives up
 * after one second (a filesystem that keeps no change time): the stamps
 * then only spare reading files that no one wrote since.
 */
function settleFileClock(dir: string): void {
  const probe = path.join(dir, `.rotative-clock-${process.pid}`);
  const ctimeOf = () => {
    writeFileSync(probe, '');
    return statSync(probe, { bigint: true }).ctimeNs;
  };
  try {
    const first = ctimeOf();
    const until = Date.now() + 1000;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (ctimeOf() === first && Date.now() < until) Atomics.wait(pause, 0, 0, 1);
  } catch {
    // No probe could be written: the stamps are taken as they are.
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * The output folder as the record keeps it: every file's stamp, taken once
 * the filesystem's clock has moved past the build's writes (settleFileClock,
 * with a probe in `probeDir`, a folder of the cache), and the digest of its
 * bytes, which tells a file whose stamp moved (touched, linked) from an
 * edited one.
 *
 * The processed images (IMAGES_FOLDER: most of the site's bytes, 1.1 GB of
 * share cards at 4,000 articles) are recorded by their stamp alone: one
 * whose stamp moved counts as changed, and the next build makes the site
 * again. A file that is the very file `previous` (the record of the site
 * this one replaced) stamped at the same path, not written since (same
 * inode, size and modification time: its change time moved when this build
 * gave it a new name), keeps its digest without being read: a page restored
 * from Astro's cache. A file whose sha256 `digests` holds by its identity
 * (the very file, hashed by this build's check of the site: checkBuiltSite)
 * is not read either. Only the other files this build wrote are read.
 */
export function recordOutput(
  outDir: string,
  probeDir: string,
  previous?: Pick<BuildRecord, 'files' | 'stamps'>,
  digests?: ReadonlyMap<string, string>,
): Pick<BuildRecord, 'files' | 'stamps' | 'folders'> {
  mkdirSync(probeDir, { recursive: true });
  settleFileClock(probeDir);
  const stamps: Record<string, string> = {};
  const files: Record<string, string> = {};
  const met: string[] = [];
  for (const rel of filesUnder(outDir, { folders: met })) {
    const file = path.join(outDir, rel);
    const stamp = fileStamp(file);
    const before = previous?.stamps[rel];
    const identity = stamp && identityOf(stamp);
    const hashed = identity && digests?.get(identity);
    const known = isProcessedImage(rel)
      ? STAMP_ONLY
      : identity && before !== undefined && identityOf(before) === identity
        ? previous!.files[rel]
        : hashed
          ? recordedDigest(hashed)
          : undefined;
    files[rel] = known ?? fileDigest(file);
    // A file read is stamped only when it did not change while it was read.
    if (stamp !== undefined && (known !== undefined || fileStamp(file) === stamp)) stamps[rel] = stamp;
  }
  const folders: Record<string, string> = {};
  for (const rel of met) {
    const stamp = folderStamp(path.join(outDir, rel));
    if (stamp !== undefined) folders[rel] = stamp;
  }
  return { files, stamps, folders };
}

/**
 * Whether `rel` is one of the output's processed images (IMAGES_FOLDER): the
 * image cache's files, linked into the site by the build, recorded by their
 * stamp alone (recordOutput), never copies of Astro's (dropEditedCopies).
 */
export function isProcessedImage(rel: string): boolean {
  return rel.startsWith(`${IMAGES_FOLDER}/`);
}

/** The digest of a file recorded by its stamp alone (see recordOutput). */
const STAMP_ONLY = '';

/** Whether `file` has the stamp recorded for it: not written since (see holdsRecorded). */
export function stampedAsRecorded(file: string, record: Pick<BuildRecord, 'stamps'>, rel: string): boolean {
  const stamp = record.stamps[rel];
  return stamp !== undefined && fileStamp(file) === stamp;
}

/**
 * Whether `file` still holds the bytes recorded for it: by its stamp when it
 * is the recorded one, else by its digest.
 */
export function holdsRecorded(file: string, record: Pick<BuildRecord, 'files' | 'stamps'>, rel: string): boolean {
  return stampedAsRecorded(file, record, rel) || digestAsRecorded(file, record, rel);
}

/** Whether `file`'s bytes are the ones recorded for it (the second half of holdsRecorded, for a file whose stamp moved). */
export function digestAsRecorded(file: string, record: Pick<BuildRecord, 'files'>, rel: string): boolean {
  const digest = record.files[rel];
  return digest !== undefined && digest !== STAMP_ONLY && fileDigest(file) === digest;
}

/** Where the record of the last build into `outDir` is kept. */
export function recordFile(cacheDir: string, outDir: string): string {
  const id = createHash('sha256').update(outDir).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'builds', `${id}.json`);
}

/** One line for the build's log when `file` exists but is not a record this build can read (`record`, as readRecord found it: corrupt, or of another version); undefined otherwise. */
export function recordNotice(file: string, record: BuildRecord | undefined): string | undefined {
  if (record || !existsSync(file)) return undefined;
  return `remarque : cache des constructions : enregistrement ignoré (${path.basename(file)}), illisible ou d’une autre version ; tout est reconstruit`;
}

const isDate = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/**
 * Reads the record at `file` (readRecord) again only when the file is no
 * longer the one last read (its stamp): a build asks for it before and after
 * taking the output folder's lock, then to keep what it can of the previous
 * site, and the record of 10,000 articles' output (15 MB of JSON) took about
 * 0.3 s to read each time. Another build's record written meanwhile has
 * another stamp, and is read. The record given is shared: never modified.
 */
export function recordReader(file: string): () => BuildRecord | undefined {
  let last: { stamp: string; record: BuildRecord | undefined } | undefined;
  return () => {
    const stamp = fileStamp(file);
    if (last && stamp !== undefined && last.stamp === stamp) return last.record;
    const record = readRecord(file);
    last = stamp === undefined ? undefined : { stamp, record };
    return record;
  };
}

export function readRecord(file: string): BuildRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as BuildRecord;
    return record.version === VERSION &&
      typeof record.inputs === 'string' &&
      isDate(record.builtAt) &&
      (record.next === null || isDate(record.next)) &&
      record.files &&
      typeof record.files === 'object' &&
      record.stamps &&
      typeof record.stamps === 'object' &&
      Array.isArray(record.summary)
      ? record
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The clock's say on whether a site built at `builtAt`, whose next change is
 * `next`, is still what a build at `now` would write: not once the next
 * change is reached, and not when `now` is before the build (that site may
 * show what is not public yet at `now`: a scheduled article, a correction).
 * The one place where time decides freshness.
 */
export function clockProblem({ builtAt, next }: Pick<BuildRecord, 'builtAt' | 'next'>, now: Date): string | undefined {
  const at = now.getTime();
  if (!(at >= Date.parse(builtAt))) return 'clock before the previous build';
  if (next !== null && at >= Date.parse(next)) return 'scheduled change reached';
  return undefined;
}

/** The previous build's time as scripts/build.ts read it from its record for this process (knowPreviousBuildTime). */
let handedBuildTime: { at: Date | undefined } | undefined;

/**
 * The previous build's time, from the record scripts/build.ts has just read
 * (its pages process is handed it: the record, 7.8 MB at 4,000 articles
 * and 19 MB at 10,000, took 150-310 ms to read again for one date).
 */
export function knowPreviousBuildTime(at: Date | undefined): void {
  handedBuildTime = { at };
}

/** The "now" of the build whose site is in `outDir`, from its record in `cacheDir`; undefined when none is recorded. */
export function previousBuildTime(cacheDir: string, outDir: string): Date | undefined {
  if (handedBuildTime) return handedBuildTime.at;
  const record = readRecord(recordFile(cacheDir, outDir));
  return record ? new Date(record.builtAt) : undefined;
}

export function writeRecord(file: string, record: Omit<BuildRecord, 'version'>): void {
  replaceFile(file, JSON.stringify({ version: VERSION, ...record }));
}

/**
 * What the record alone says (inputs, clock), before the output folder is
 * read: the cheap part of whyRebuild.
 */
export function recordProblem(record: BuildRecord | undefined, inputs: string, now: Date): string | undefined {
  if (!record) return 'no previous build recorded';
  if (record.inputs !== inputs) return 'inputs changed';
  return clockProblem(record, now);
}

/**
 * Why the previous build's site cannot stand for this build, or undefined
 * when it can: same inputs, before its next scheduled change, output folder
 * exactly as that build left it.
 */
export function whyRebuild(record: BuildRecord | undefined, inputs: string, now: Date, outDir: string): string | undefined {
  const stale = recordProblem(record, inputs, now);
  if (stale !== undefined || !record) return stale ?? 'no previous build recorded';
  const current = filesUnder(outDir, { since: record });
  if (current.length !== Object.keys(record.files).length) return 'output folder changed';
  for (const rel of current) {
    if (!Object.hasOwn(record.files, rel) || !holdsRecorded(path.join(outDir, rel), record, rel)) return 'output folder changed';
  }
  return undefined;
}
