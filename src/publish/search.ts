/**
 * The search phase: Pagefind indexes the built article pages (only they carry
 * `data-pagefind-body`, and an unpublished article has no page), one index per
 * year of publication (src/lib/search-groups.ts), written to
 * `<site>/pagefind/<year>/`. The search page loads the newest year's index and
 * merges the others in the browser (Pagefind's mergeIndex).
 *
 * Indexing is the one phase that reads every page on every build, so each
 * year's index is kept in `<ROTATIVE_CACHE_DIR>/search/`, under a hash of the
 * pages it was made from: a year whose pages did not change is copied from
 * there, and an edit re-indexes its own year only.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';

export interface SearchGroup {
  /** The group's name, also its folder under pagefind/: a year. */
  name: string;
  /** The pages of the group, relative to the site folder (`articles/<slug>/index.html`). */
  pages: string[];
}

export interface SearchReport {
  /** Pages in the indexes. */
  pages: number;
  /** Groups indexed by this build, and taken from the cache. */
  indexed: number;
  reused: number;
}

// Part of every cache key: another Pagefind writes other files.
const PAGEFIND_VERSION = (JSON.parse(readFileSync(path.join(import.meta.dirname, '../../node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version;

function pageCountOf(indexDir: string): number {
  const entry = JSON.parse(readFileSync(path.join(indexDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

async function writeIndex(siteDir: string, group: SearchGroup, contents: Buffer[], target: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  for (const [i, page] of group.pages.entries()) {
    const added = await index.addHTMLFile({ sourcePath: page, content: contents[i]!.toString('utf8') });
    if (added.errors.length) throw new Error(`Pagefind could not index ${page}: ${added.errors.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath: target });
  if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  await index.deleteIndex();
}

/** Indexes the groups' pages of `siteDir` in French into `<siteDir>/pagefind/<group>/`. */
export async function indexSite(siteDir: string, groups: SearchGroup[], cacheRoot: string): Promise<SearchReport> {
  const cacheDir = path.join(cacheRoot, 'search');
  mkdirSync(cacheDir, { recursive: true });
  const report: SearchReport = { pages: 0, indexed: 0, reused: 0 };
  const used = new Set<string>();
  const indexGroup = async (group: SearchGroup) => {
    const contents = group.pages.map((page) => readFileSync(path.join(siteDir, page)));
    const hash = createHash('sha256').update(PAGEFIND_VERSION).update(group.name);
    group.pages.forEach((page, i) => hash.update(page).update(createHash('sha256').update(contents[i]!).digest()));
    const cached = path.join(cacheDir, `${group.name}-${hash.digest('hex').slice(0, 16)}`);
    if (existsSync(path.join(cached, 'pagefind-entry.json'))) {
      report.reused++;
    } else {
      // Written under a temporary name and renamed: an interrupted build
      // never leaves a partial index that a later one would trust.
      const temp = `${cached}.${process.pid}.tmp`;
      rmSync(temp, { recursive: true, force: true });
      await writeIndex(siteDir, group, contents, temp);
      rmSync(cached, { recursive: true, force: true });
      renameSync(temp, cached);
      report.indexed++;
    }
    used.add(path.basename(cached));
    cpSync(cached, path.join(siteDir, 'pagefind', group.name), { recursive: true });
    report.pages += pageCountOf(cached);
  };
  // Each year is its own index in Pagefind's service: two years are indexed
  // at once, one per core. The pages of a year go in one by one, in order,
  // so that its index is the same from one build to the next.
  const queue = [...groups];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) await indexGroup(group);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), 2, groups.length) }, worker));
  } finally {
    await pagefind.close();
  }
  // The indexes of pages that are no longer: the cache keeps this build's only.
  for (const name of readdirSync(cacheDir)) if (!used.has(name)) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  return report;
}
