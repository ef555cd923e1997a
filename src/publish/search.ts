/**
 * The search phase: Pagefind indexes the records the content pass made of the
 * published articles (src/lib/search-groups.ts: the text, title, URL, image
 * its page shows), through its Node API, one index per year of publication,
 * written to `<site>/pagefind/<year>/`. No page is read again. The search
 * page loads the newest year's index and merges the others in the browser
 * (Pagefind's mergeIndex).
 *
 * Each year's index DATA is kept in `<ROTATIVE_CACHE_DIR>/search/`, under a
 * hash of its records: a year whose articles did not change is taken from
 * there, and an edit re-indexes its own year only. Pagefind's CODE (its
 * pagefind*.js, styles and WebAssembly) is never cached: every build takes it
 * from the installed package, so nothing written into the cache folder can
 * run on the search page. A cache entry whose files are not those it was
 * written with (truncated, edited, half deleted) is ignored, with one line,
 * and made again.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, availableParallelism } from 'node:os';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { GALLERY_CONTROL_CLASSES } from '../render/gallery.ts';
import * as pagefind from 'pagefind';
import { searchText, type SearchGroupData, type SearchRecord } from '../lib/search-groups.ts';
import { THUMBNAIL_FILTER } from '../lib/search-thumbnail.ts';
import { hashModules } from '../content/code-digest.ts';
import { listTree } from './tree.ts';
import { fileIdentity, readableSha256 } from './stamps.ts';
import { publishCachedFile } from './disk.ts';

export interface SearchReport {
  /** Records (article pages) in the indexes. */
  pages: number;
  /** Groups indexed by this build, and taken from the cache. */
  indexed: number;
  reused: number;
}

// Part of every cache key: another Pagefind writes other files, and other
// code (how a record becomes its text: this module and every module it
// imports, found from its imports) another index of the same records.
// Read when a build indexes, not when this module is loaded (a build that finds nothing changed never indexes).
let version: string | undefined;
function indexerVersion(): string {
  if (version) return version;
  const pagefind = (JSON.parse(readFileSync(path.join(import.meta.dirname, '../../node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version;
  version = hashModules(createHash('sha256').update(pagefind).update('\0'), path.resolve(import.meta.dirname, '../..'), [import.meta.filename]).digest('hex');
  return version;
}

/** Pagefind failed: what the person building reads, in French, and what to do. */
export class SearchFailure extends Error {
  override name = 'SearchFailure';
}

const RETRY = 'Construisez à nouveau ; si l’échec revient, installez à nouveau les dépendances avec « npm ci » (sans « --omit=optional »)';

/**
 * Why Pagefind's program (its Rust binary, from an optional dependency per
 * system) cannot run here; undefined when it can. Asked before a build
 * spends minutes on pages it could not index: Pagefind's Node API only
 * fails when it first starts the program, after printing its own traces.
 * Found as that API finds it (pagefind/lib/resolveBinary.js, which the
 * package does not export): a `<NAME>_BINARY_PATH` variable first, then the
 * package of this system.
 */
export function searchProgramProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = ['pagefind_extended', 'pagefind'];
  const runnable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
    } catch {
      return false;
    }
    return isFile(file);
  };
  for (const name of names) {
    const variable = `${name.toUpperCase()}_BINARY_PATH`;
    const file = env[variable];
    if (file) return runnable(file) ? undefined : `la recherche ne peut pas être indexée : ${variable} vaut "${file}", qui n’est pas un programme exécutable. Donnez le chemin du programme de Pagefind, ou retirez ${variable} pour prendre celui du projet.`;
  }
  const system = `${process.platform === 'win32' ? 'windows' : process.platform}-${env.npm_config_arch || arch()}`;
  const require = createRequire(path.join(import.meta.dirname, '../../node_modules/pagefind/package.json'));
  for (const name of names) {
    let file: string;
    try {
      file = require.resolve(`@pagefind/${system}/bin/${name}${process.platform === 'win32' ? '.exe' : ''}`);
    } catch {
      continue;
    }
    return runnable(file) ? undefined : `la recherche ne peut pas être indexée : le programme de Pagefind (${file}) n’est pas exécutable. Installez à nouveau les dépendances avec « npm ci ».`;
  }
  return `la recherche ne peut pas être indexée : le programme de Pagefind pour ce système (${system}) n’est pas installé ; il vient d’une dépendance facultative, @pagefind/${system}. Installez à nouveau les dépendances avec « npm ci », sans « --omit=optional » ni « --no-optional ».`;
}

/** The folder of the search cache (`<ROTATIVE_CACHE_DIR>/search/`) that holds, or would hold, the index of `group`. */
export function searchCacheEntry(cacheRoot: string, group: SearchGroupData): string {
  const hash = createHash('sha256').update(indexerVersion()).update(group.name);
  // Each record whole, its body (most of its bytes) hashed as it is, after
  // its length, rather than escaped into one JSON text of every record
  // (34 MB at 4,000 articles).
  for (const { html, ...rest } of group.records) hash.update(JSON.stringify(rest)).update(`\0${html.length}\0`).update(html);
  return path.join(cacheRoot, 'search', `${group.name}-${hash.digest('hex').slice(0, 16)}`);
}

/**
 * A year of the search as the build indexes it, decided once where its
 * records are (the pages process): its cache entry, how many articles it
 * holds, and its records only when the cache has no sound index of them. A
 * year the cache holds travels to the build without its text (34 MB of
 * JSON at 4,000 articles, one second of the pages process to send).
 */
export interface SearchPlan {
  name: string;
  /** Its folder in the search cache (searchCacheEntry). */
  entry: string;
  /** Its records (article pages). */
  pages: number;
  /** Its records, when this build indexes it. */
  records?: SearchRecord[];
  /** Why the cache's entry was not taken (damaged): said when the year is indexed again. */
  problem?: string;
}

/** The plan of each group: taken from the cache when its entry holds the files it was written with, indexed otherwise. */
export function planSearch(cacheRoot: string, groups: readonly SearchGroupData[]): SearchPlan[] {
  return groups.map((group) => {
    const plan = { name: group.name, entry: searchCacheEntry(cacheRoot, group), pages: group.records.length };
    if (!existsSync(plan.entry)) return { ...plan, records: group.records };
    const problem = cacheEntryProblem(plan.entry);
    return problem === undefined ? plan : { ...plan, records: group.records, problem };
  });
}

/**
 * Whether the build indexes the search while Astro renders the pages
 * (scripts/build.ts), rather than once the pages process has exited: when
 * at most half of the records are to be indexed (an edit, a new article).
 * When more are, every record in the build's process and Pagefind indexing
 * them would add to the pages process at its peak: the cold build of 10,000
 * articles peaked at 3,150 MB with the search beside the pages, 2,660 MB
 * after them.
 */
export function searchAlongsidePages(plans: readonly SearchPlan[]): boolean {
  const pages = (list: readonly SearchPlan[]) => list.reduce((n, p) => n + p.pages, 0);
  return 2 * pages(plans.filter((p) => p.records)) <= pages(plans);
}

/** The list of an entry's files with their hashes, written last: an entry without it is incomplete. */
const ENTRY_LIST = 'rotative-files.json';

/**
 * The files of an index that are its data (the entry, the metadata, the word
 * index, the fragments, the filters); everything else Pagefind writes is its
 * code, which comes from the installed package at every build.
 */
export function isIndexData(relPath: string): boolean {
  return relPath === 'pagefind-entry.json' || /^pagefind\.[^/]+\.pf_meta$/.test(relPath) || /^(index|fragment|filter)\/[^/]+$/.test(relPath);
}

/** Elements that start and end a block of text (a sentence of the searched text). */
const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul']);
/** Elements whose content is not text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'svg']);
/** Controls of the writers' components (a gallery's « Agrandir », « Suivante »…): not the article's text. */
const CONTROL_CLASSES = new Set<string>(GALLERY_CONTROL_CLASSES);

/**
 * The text of a body's HTML, block by block, as a reader sees it. htmlparser2
 * (a streaming parser) rather than a full HTML tree: 0.04 s for 500 bodies
 * against 0.4 s with hast-util-from-html and hast-util-to-text, measured here.
 */
export function bodyBlocks(html: string): string[] {
  const blocks: string[] = [];
  let current = '';
  let hidden = 0;
  /** For each open element, whether it hides its content (htmlparser2 closes void elements too). */
  const open: boolean[] = [];
  const cut = () => {
    blocks.push(current);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const hides = HIDDEN.has(name) || (attributes.class ?? '').split(/\s+/).some((c) => CONTROL_CLASSES.has(c));
        open.push(hides);
        if (hides) hidden++;
        if (BLOCKS.has(name)) cut();
      },
      ontext(text) {
        if (hidden === 0) current += text;
      },
      onclosetag(name) {
        if (open.pop()) hidden--;
        if (BLOCKS.has(name)) cut();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  cut();
  return blocks;
}

/** The searched text of a record: its header, then its body's text, block by block. */
export function searchTextOf(record: SearchRecord): string {
  return searchText([...record.header, ...bodyBlocks(record.html)]);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Whether `file` is a regular file (not missing, not a folder, not under a file). */
function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

type Files = Map<string, Buffer>;

/** Every file under `dir`, by path relative to it (POSIX separators). */
function readTree(dir: string): Files {
  return new Map(listTree(dir).files.map((rel) => [rel, readFileSync(path.join(dir, rel))]));
}

/**
 * An index of `records`, written by Pagefind into `dir` (written to disk by
 * Pagefind itself: its in-memory getFiles sends every file, WebAssembly and
 * scripts included, through its service's pipe, and took longer than the
 * indexing), and read back.
 */
async function indexFiles(records: { url: string; content: string; meta: Record<string, string>; filters?: Record<string, string[]> }[], dir: string): Promise<Files> {
  // Pagefind's own messages are in English: kept in parentheses, for whoever fixes it.
  const failed = (what: string, errors: string[]) => new SearchFailure(`l’index de recherche n’a pas pu être fait : Pagefind ${what} (${errors.join(' ; ')}). ${RETRY}.`);
  const started = await orErrors(pagefind.createIndex({ forceLanguage: 'fr' }));
  if (!('index' in started) || !started.index) throw failed('n’a pas démarré', started.errors);
  const { index } = started;
  try {
    for (const record of records) {
      const added = await orErrors(index.addCustomRecord({ ...record, language: 'fr' }));
      if (added.errors.length) throw failed(`a refusé la page ${record.url}`, added.errors);
    }
    rmSync(dir, { recursive: true, force: true });
    const written = await orErrors(index.writeFiles({ outputPath: dir }));
    if (written.errors.length) throw failed('n’a pas pu écrire l’index', written.errors);
    return readTree(dir);
  } finally {
    await index.deleteIndex().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A call to Pagefind's service, its rejection (the service stopped) read as its errors. */
function orErrors<T extends { errors: string[] }>(call: Promise<T>): Promise<T | { errors: string[] }> {
  return call.catch((err: unknown) => ({ errors: [err instanceof Error ? err.message : String(err)] }));
}

/** Writes `files` under `dir`. */
function writeFiles(dir: string, files: Files): void {
  for (const [rel, content] of files) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

/**
 * Why the cache entry `dir` does not hold exactly the data files it was
 * written with, or nothing when it does. With `publishTo`, each file is first
 * published there by hard link (publishCachedFile, as the images: 4,300
 * files at 4,000 articles, none written again), then the published file is
 * checked: the site gets the bytes the entry was written with, or the
 * problem is said; and `digests` gets each published file's sha256 (hex) by
 * its identity (fileIdentity), taken before it was read, for the record of
 * the output folder (recordOutput), which then need not read it again.
 */
export function cacheEntryProblem(dir: string, publishTo?: string, digests?: Map<string, string>): string | undefined {
  let list: Record<string, string>;
  try {
    list = JSON.parse(readFileSync(path.join(dir, ENTRY_LIST), 'utf8')) as Record<string, string>;
  } catch {
    return `${ENTRY_LIST} absent ou illisible`;
  }
  if (typeof list !== 'object' || list === null || !Object.hasOwn(list, 'pagefind-entry.json')) return 'pagefind-entry.json manque';
  const folders = new Set<string>();
  for (const [rel, hash] of Object.entries(list)) {
    if (!isIndexData(rel)) return `${rel} n’est pas un fichier de données de Pagefind`;
    let file = path.join(dir, rel);
    if (!isFile(file)) return `${rel} manque`;
    // A refusal of the site's folder (a full disk) is thrown, for the build to name it.
    if (publishTo !== undefined) {
      const to = path.join(publishTo, rel);
      const folder = path.dirname(to);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      publishCachedFile(file, to);
      file = to;
    }
    const identity = digests && fileIdentity(file);
    const sha = readableSha256(file);
    if (sha === undefined) return `${rel} illisible`;
    if (sha !== hash) return `${rel} a été modifié`;
    if (identity) digests!.set(identity, hash);
  }
  return undefined;
}

/**
 * The search of `plans` (planSearch) into `<siteDir>/pagefind/<year>/`, in
 * French: each year indexed from its records, or taken from the cache; the
 * sha256 of its data files by identity into `digests` (cacheEntryProblem).
 */
export async function indexSite(
  siteDir: string,
  plans: SearchPlan[],
  cacheRoot: string,
  warn: (line: string) => void = console.warn,
  digests?: Map<string, string>,
): Promise<SearchReport> {
  const cacheDir = path.join(cacheRoot, 'search');
  mkdirSync(cacheDir, { recursive: true });
  const report: SearchReport = { pages: 0, indexed: 0, reused: 0 };
  const used = new Set<string>();
  let code: Files | undefined;
  const indexGroup = async (plan: SearchPlan) => {
    const cached = plan.entry;
    if (plan.records) {
      if (plan.problem) warn(`⚠ Index de recherche ${plan.name} en cache ignoré (${plan.problem}) : refait (${path.relative(process.cwd(), cached) || cached}).`);
      const all = await indexFiles(plan.records.map((r) => ({ url: r.url, content: searchTextOf(r), meta: { ...r.meta }, ...(r.thumbnail ? { filters: { [THUMBNAIL_FILTER]: [r.thumbnail] } } : {}) })), `${cached}.${process.pid}.out`);
      const data = new Map([...all].filter(([rel]) => isIndexData(rel)));
      code ??= new Map([...all].filter(([rel]) => !isIndexData(rel)));
      // Written under a temporary name and renamed, its list of files last:
      // an interrupted build never leaves a partial entry a later one trusts.
      const temp = `${cached}.${process.pid}.tmp`;
      rmSync(temp, { recursive: true, force: true });
      writeFiles(temp, data);
      writeFileSync(path.join(temp, ENTRY_LIST), JSON.stringify(Object.fromEntries([...data].map(([rel, c]) => [rel, sha256(c)]))));
      rmSync(cached, { recursive: true, force: true });
      renameSync(temp, cached);
      report.indexed++;
    } else {
      report.reused++;
    }
    used.add(path.basename(cached));
    // Found sound when planned (or just written); changed since, it is not published (the records of a cached year stayed with the pages).
    const problem = cacheEntryProblem(cached, path.join(siteDir, 'pagefind', plan.name), digests);
    if (problem !== undefined) {
      rmSync(cached, { recursive: true, force: true });
      throw new SearchFailure(`l’index de recherche ${plan.name} du cache a changé pendant la construction (${problem}) ; il a été supprimé. Construisez à nouveau : cette année sera indexée de nouveau.`);
    }
    report.pages += plan.pages;
  };
  // Each year is its own index in Pagefind's service: two years are indexed
  // at once, one per core. The records of a year go in one by one, in order,
  // so that its index is the same from one build to the next.
  const queue = [...plans];
  const worker = async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) await indexGroup(plan);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), 2, plans.length) }, worker));
    // Every year taken from the cache: Pagefind's code from a one-record index.
    if (!code && plans.length > 0) {
      const all = await indexFiles([{ url: '/', content: 'Rotative', meta: { title: 'Rotative' } }], path.join(cacheDir, `code.${process.pid}.out`));
      code = new Map([...all].filter(([rel]) => !isIndexData(rel)));
    }
  } finally {
    await pagefind.close();
  }
  for (const plan of plans) writeFiles(path.join(siteDir, 'pagefind', plan.name), code!);
  // The indexes of records that are no longer: the cache keeps this build's only.
  for (const name of readdirSync(cacheDir)) if (!used.has(name)) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  return report;
}
