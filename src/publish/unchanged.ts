/**
 * "Nothing changed": a build whose every input is the one of the previous
 * build, at a moment before that build's next scheduled change, would write
 * the same site byte for byte. `npm run build` then checks that the site in
 * the output folder is still the one it wrote, and stops there.
 *
 * The inputs are every file of the content tree (path and bytes), the code
 * that builds the site (src/, scripts/, public/, the configuration files and
 * the lock file, which pins every library), Node's version and the
 * environment variables a build reads. Time is the previous build's
 * schedule (src/lib/rebuild.ts): the first moment at which the same content
 * gives another site. The output folder is compared, file by file, with the
 * list of files, sizes and modification times recorded right after the swap:
 * a file edited, added or removed by hand means a full build.
 *
 * The record lives in the cache folder: deleting it (or
 * ROTATIVE_FULL_BUILD=1) makes the next build a full one.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../config/environment.ts';
import { walkContent } from '../content/files.ts';

const VERSION = 2;

/** What was recorded after a complete build. */
export interface BuildRecord {
  version: number;
  /** Digest of the inputs (see inputsDigest). */
  inputs: string;
  /** The first moment (ISO 8601) at which the same inputs give another site; null when none. */
  next: string | null;
  /** When the build ran: shown when the site is found up to date. */
  builtAt: string;
  /** Every file of the output folder: relative path → "size:mtimeMs". */
  files: Record<string, string>;
  /**
   * Its summary (articles published and scheduled, pages, feeds, images,
   * next rebuild, warnings), without what only that build did (what it
   * rendered, its times): shown again when its site stands.
   */
  summary: string[];
}

/** Environment variables a build (Astro, Vite, Node included) may read. */
const ENV_PREFIXES = ['ROTATIVE_', 'SITE_', 'ASTRO_', 'VITE_', 'NODE_', 'PAGEFIND_'];
/** Variables that do not change the site: the clock is judged by the schedule, verbosity only changes the log. */
const ENV_IGNORED = new Set(['ROTATIVE_NOW', 'ROTATIVE_VERBOSE', 'ROTATIVE_FULL_BUILD']);

/**
 * The project's files that make the site, besides node_modules (pinned by
 * the lock file; a dependency patched by hand needs ROTATIVE_FULL_BUILD=1).
 * The .env files are those Vite reads for a production build.
 */
const CODE = ['src', 'scripts', 'public', 'astro.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', '.env', '.env.local', '.env.production', '.env.production.local'];

/** Every regular file under `root` (symbolic links followed), relative paths sorted. */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const stats = entry.isSymbolicLink() ? statSync(abs, { throwIfNoEntry: false }) : entry;
      if (!stats) out.push(relPath); // a dangling link: its name still counts
      else if (stats.isDirectory()) walk(abs, relPath);
      else out.push(relPath);
    }
  };
  walk(root, '');
  return out.sort();
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

/** A digest of everything a build reads: content, code, Node, environment. */
export function inputsDigest(env: Environment, projectRoot: string, processEnv: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version: VERSION, node: process.version, contentDir: env.contentDir, outDir: env.outDir, cacheDir: env.cacheDir, siteUrl: env.siteUrl }));
  const vars = Object.keys(processEnv)
    .filter((k) => ENV_PREFIXES.some((p) => k.startsWith(p)) && !ENV_IGNORED.has(k))
    .sort()
    .map((k) => [k, processEnv[k]]);
  hash.update(JSON.stringify(vars));
  for (const entry of CODE) hashTree(hash, `code:${entry}`, path.join(projectRoot, entry));
  // The content folder is listed as the content phase lists it (src/content/files.ts):
  // no link followed, so a link to `.` or `/` is a name, not an endless walk.
  const content = walkContent(env.contentDir);
  for (const entry of content.entries) {
    let bytes: Buffer;
    try {
      bytes = entry.type === 'link' ? Buffer.from(`\0link\0${readlinkSync(entry.abs)}`) : readFileSync(entry.abs);
    } catch {
      bytes = Buffer.from('\0unreadable\0');
    }
    hash.update(`content/${entry.rel}\0${bytes.length}\0`).update(bytes);
  }
  for (const refused of content.problems) hash.update(`content-refused/${refused.file}\0`);
  return hash.digest('hex');
}

/** Every file of the output folder with its size and modification time. */
export function listOutput(outDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const rel of filesUnder(outDir)) {
    const s = lstatSync(path.join(outDir, rel), { throwIfNoEntry: false });
    files[rel] = s ? `${s.size}:${s.mtimeMs}` : 'missing';
  }
  return files;
}

/** Where the record of the last build into `outDir` is kept. */
export function recordFile(cacheDir: string, outDir: string): string {
  const id = createHash('sha256').update(outDir).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'builds', `${id}.json`);
}

export function readRecord(file: string): BuildRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as BuildRecord;
    return record.version === VERSION && typeof record.inputs === 'string' && record.files && typeof record.files === 'object' && Array.isArray(record.summary) ? record : undefined;
  } catch {
    return undefined;
  }
}

export function writeRecord(file: string, record: Omit<BuildRecord, 'version'>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ version: VERSION, ...record }));
  renameSync(tmp, file);
}

/**
 * Why the previous build's site cannot stand for this build, or undefined
 * when it can: same inputs, before its next scheduled change, output folder
 * exactly as that build left it.
 */
export function whyRebuild(record: BuildRecord | undefined, inputs: string, now: Date, outDir: string): string | undefined {
  if (!record) return 'no previous build recorded';
  if (record.inputs !== inputs) return 'inputs changed';
  if (record.next !== null && now.getTime() >= Date.parse(record.next)) return 'scheduled change reached';
  const current = listOutput(outDir);
  const before = Object.keys(record.files);
  if (before.length !== Object.keys(current).length) return 'output folder changed';
  for (const rel of before) if (current[rel] !== record.files[rel]) return 'output folder changed';
  return undefined;
}
