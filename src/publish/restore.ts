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
 * - a page of the previous site that was edited in place since it was
 *   published (its bytes differ from the record of the build that wrote it)
 *   takes its cache copy with it when they are one file: that copy is
 *   deleted before Astro runs, and the page is rendered again; without that
 *   record, every copy that is one file with a page of the previous site is.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputDigest, type BuildRecord } from './unchanged.ts';

type PathArg = string | URL | Buffer;
const asPath = (p: PathArg): string | undefined => (typeof p === 'string' ? p : p instanceof URL ? fileURLToPath(p) : undefined);
const inside = (file: string, dir: string) => {
  const rel = path.relative(dir, path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** Every file under `dir`, relative to it. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** A file with another name: written in place, it would change under that name too. */
function shared(file: string): boolean {
  return (lstatSync(file, { throwIfNoEntry: false })?.nlink ?? 1) > 1;
}

/**
 * The cache copies of the previous site's pages that were edited in place
 * since their build, when they are the same file as the page: they hold the
 * edit too. Returns the ones deleted.
 */
export function dropEditedCopies(astroCache: string, previousSite: string, record: Pick<BuildRecord, 'files'> | undefined): string[] {
  if (!existsSync(previousSite) || !existsSync(astroCache)) return [];
  const trees = readdirSync(astroCache, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(astroCache, d.name, 'dist'));
  const dropped: string[] = [];
  // Without the record of the build that wrote the previous site (none, or
  // of another version), no page can be shown unedited: every linked copy goes.
  const pages = record ? Object.entries(record.files) : filesOf(previousSite).map((rel) => [rel, undefined] as const);
  for (const [rel, before] of pages) {
    // Only a page that is one file with a cache copy is read and compared.
    const file = path.join(previousSite, rel);
    const page = statSync(file, { throwIfNoEntry: false });
    if (!page || page.nlink < 2) continue;
    const copies = trees.map((tree) => path.join(tree, rel)).filter((copy) => {
      const s = statSync(copy, { throwIfNoEntry: false });
      return s !== undefined && s.ino === page.ino && s.dev === page.dev;
    });
    if (copies.length === 0 || (before !== undefined && outputDigest(readFileSync(file)) === before)) continue;
    for (const copy of copies) {
      unlinkSync(copy);
      dropped.push(copy);
    }
  }
  return dropped;
}

/**
 * Makes Astro's restores of cached pages into `pages` hard links (a copy
 * when the link fails: another filesystem, a filesystem without links), and
 * its writes under `astroCache` and `pages` never write through a link.
 */
export function restoreLinked(options: { astroCache: string; pages: string; previousSite: string; record: Pick<BuildRecord, 'files'> | undefined }): void {
  const { astroCache, pages } = options;
  dropEditedCopies(astroCache, options.previousSite, options.record);
  const promises = fs.promises;
  const copyFile = promises.copyFile.bind(promises);
  const writeFile = promises.writeFile.bind(promises);
  promises.copyFile = async (src: PathArg, dest: PathArg, mode?: number) => {
    const from = asPath(src);
    const to = asPath(dest);
    if (from && to && inside(from, astroCache) && inside(to, pages) && !existsSync(to)) {
      try {
        await promises.link(from, to);
        return;
      } catch {
        // Not linkable here: copied, as Astro would.
      }
    }
    return copyFile(src, dest, mode);
  };
  promises.writeFile = (async (file: Parameters<typeof writeFile>[0], data: Parameters<typeof writeFile>[1], opts?: Parameters<typeof writeFile>[2]) => {
    const target = typeof file === 'object' && !(file instanceof URL) && !Buffer.isBuffer(file) ? undefined : asPath(file as PathArg);
    if (target && (inside(target, astroCache) || inside(target, pages)) && shared(target)) await promises.unlink(target);
    return writeFile(file, data, opts);
  }) as typeof promises.writeFile;
}
