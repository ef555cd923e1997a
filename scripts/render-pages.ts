/**
 * The pages phase of `npm run build`, run by scripts/build.ts in a process of
 * its own: Astro syncs the content (the Rotative loaders read, validate,
 * make the images and render every article: src/content/) and renders the
 * site; then this process exits and gives its memory back before the site
 * is checked. While Astro renders, it tells the wrapper what the content pass
 * found (src/publish/pages-messages.ts), so that the wrapper publishes the
 * images and indexes the search records meanwhile.
 *
 * Writes what the content pass found to ROTATIVE_REPORT_FILE for the wrapper:
 * the problems, or the summary figures. Exits 2
 * when the content has problems (they are printed here, as writers read
 * them) or the disk refused a write (said here in plain words:
 * src/publish/disk.ts), 1 when Astro fails otherwise.
 */
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type AstroIntegration } from 'astro';
import { removeStaleFolders } from '../src/publish/output.ts';
import { knowPreviousBuildTime } from '../src/publish/unchanged.ts';
import { phaseTime } from '../src/publish/phase-timer.ts';
import { formatProblems } from '../src/lib/errors.ts';
import * as loaders from '../src/content/loaders.ts';
import { handLoaders } from '../src/content/handed-loaders.ts';
import { withTdmHeaders } from '../src/lib/tdm.ts';
import { astroCacheFolder, astroCacheRoot, pruneImageCache, restoreLinked, signTree, verifyAstroCacheAside, verifyImageCache, type CheckedFiles } from '../src/publish/restore.ts';
import { checkImageCacheFirst, imageCacheDir, knowContentDigests, variantFiles } from '../src/content/images.ts';
import { cardFiles } from '../src/content/share-images.ts';
import { cacheSecret } from '../src/config/cache-secret.ts';
import { writeRefusal, writingInto } from '../src/publish/disk.ts';
import type { ImagesChecked, PagesMessage } from '../src/publish/pages-messages.ts';
import { planSearch, searchAlongsidePages, type SearchPlan } from '../src/publish/search.ts';

// The content collections (src/content.config.ts) take the loaders of this
// instance of the content pass, which Node has loaded, rather than have Vite
// transform and run its modules again.
handLoaders(loaders);

const outDir = process.env.ROTATIVE_PAGES_DIR;
const reportFile = process.env.ROTATIVE_REPORT_FILE;
// The build always gives the cache and content folders: without them the
// caches would go unchecked and the search unplanned.
const cacheDir = process.env.ROTATIVE_CACHE_DIR;
const contentDir = process.env.ROTATIVE_CONTENT_DIR;
if (!outDir || !reportFile || !cacheDir || !contentDir) {
  console.error('✖ scripts/render-pages.ts est lancé par scripts/build.ts (npm run build), pas seul.');
  process.exit(1);
}

// Astro writes its prerender chunks (modules that import the project's
// packages, and the stylesheets it then renames into the site) under outDir
// when outDir lies inside the current folder, else under `<cwd>/.astro/`
// (getOutDirWithinCwd in astro/dist/core/build/common.js): one folder that
// every build of this checkout shared, and a rename that fails (EXDEV) when
// the site is on another filesystem. So the pages are rendered into a folder
// of this process inside the project (where the chunks find node_modules),
// then moved to where scripts/build.ts wants them.
const root = path.resolve(import.meta.dirname, '..');
const scratchParent = path.join(root, '.astro');
const scratchPrefix = 'rotative-pages-';
const scratch = path.join(scratchParent, `${scratchPrefix}${process.pid}`);
mkdirSync(scratchParent, { recursive: true });
removeStaleFolders(scratchParent, scratchPrefix);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}
const pages = path.join(scratch, 'site');
process.chdir(root);

function report(): void {
  const pass = loaders.latestContentPass();
  writeFileSync(
    reportFile!,
    JSON.stringify({
      problems: pass?.problems ?? [],
      draftProblems: pass?.draftProblems ?? [],
      // The records travel in the search's plan, which went to the wrapper with the images (the `content` message) or comes here.
      stats: pass && { ...pass.stats, searchGroups: undefined },
      search: searchSent ? undefined : searchPlans,
      siteUrl: pass?.context?.site.siteUrl,
      notices: [...astroCacheNotices, ...(pass?.notices ?? [])],
      legal: pass?.context?.site.legal,
      accessibility: pass?.context?.site.accessibilite,
      feeds: phaseTime('feeds'),
      digests: cacheDigests,
    }),
  );
}

// Pages Astro's incremental build finds unchanged are restored from its
// cache (<ROTATIVE_CACHE_DIR>/astro/) by hard link instead of copied
// (restoreLinked, in src/publish/restore.ts); what the cache holds is
// checked against its signatures first (verifyAstroCacheAside), and signed again
// once Astro has written this build's pages into it, failed build or not.
restoreLinked({ astroCache: astroCacheRoot(cacheDir), pages });
const tree = astroCacheFolder(cacheDir, path.resolve(contentDir));
const secret = cacheSecret();
/** Undefined until the check is done: a cache that was not checked is never signed. */
let checked: CheckedFiles | undefined;
// The image cache first: the content pass reads and writes it
// (checkImageCacheFirst) before Astro restores any page; its published
// files are links to its own. Then the copies of Astro's pages, needed
// once Vite's build is done. One check after the other: beside Astro's
// start, each has a core to share.
const images = verifyImageCache(imageCacheDir(cacheDir), secret);
checkImageCacheFirst(images);
// The sha256 of the content files the build read to compare its inputs: images already encoded are not read again.
const contentDigests = process.env.ROTATIVE_CONTENT_DIGESTS;
if (contentDigests) knowContentDigests(new Map(Object.entries(JSON.parse(readFileSync(contentDigests, 'utf8')) as Record<string, string>)));
const previousBuild = process.env.ROTATIVE_PREVIOUS_BUILT_AT;
if (previousBuild !== undefined) knowPreviousBuildTime(previousBuild ? new Date(previousBuild) : undefined);
const aside = verifyAstroCacheAside(tree, secret, images);
let astroCacheNotices = aside.notices;
/**
 * Settles once Astro's cache and the image cache are checked (in worker
 * threads), with the image cache's files as found, for the build to sign
 * once it has published them (signTree): no page is restored before.
 */
const verified: Promise<ImagesChecked> = Promise.all([aside.pages, images]).then(([found, imageCache]) => {
  astroCacheNotices = [...astroCacheNotices, ...found.notices, ...imageCache.notices];
  checked = found.checked;
  return [...imageCache.checked];
});
/** The sha256 of every file of Astro's cache by its identity, once signed (signTree): for the check before the swap. */
let cacheDigests: Record<string, string> = {};
const signAstro = () => {
  if (checked) cacheDigests = signTree(tree, secret, checked);
};
/** Sends `message` to scripts/build.ts; settles once it is written. */
const send = (message: PagesMessage) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
// Once the cache is checked, scripts/build.ts may empty its trash, whose
// earlier sites share files with the cache (a removed name moves the
// stamps the check reads).
const verifiedSent = verified.then((imagesChecked) => send({ kind: 'verified', imagesChecked }));
verifiedSent.catch(() => {});
/** The messages sent while Astro renders: the IPC channel is closed once they are written. */
const sent: Promise<void>[] = [];
/** The search, planned once the content pass is done: each year from the cache or indexed from its records (planSearch). */
let searchPlans: SearchPlan[] | undefined;
/** Whether the search's plan went with the `content` message, to be indexed while Astro renders. */
let searchSent = false;

// Memory: V8 lets its heap grow to about twice what its last full
// collection found alive before it collects again. The last one during the
// content pass finds the pass's working data alive (on a cold build, every
// article's parsed tree: 175 MB at 4,000 articles), garbage once the pass is
// done: the heap then grew to ~750 MB, mostly garbage, while Astro rendered.
// One full collection when the pass is done (Astro's build starts right
// after the content sync) finds ~170 MB alive, and the heap stays lower for
// the rest of the process. Measured on 4,000 articles, one edited, with the
// content pass's cache: peak RSS of the build 1,610-1,690 MB -> 1,350 MB,
// no slower; cold, 2,160 -> 1,930 MB. Node offers no other way to ask for
// a full collection than `gc()`, which scripts/build.ts exposes by starting
// this process with --expose-gc.
//
// The content pass is done: scripts/build.ts publishes its images and media
// files while Astro renders the pages (and indexes its search records, when
// few years are to be indexed: searchAlongsidePages), and publishes the
// share cards once they are all made.
const afterContentPass: AstroIntegration = {
  name: 'rotative:after-content-pass',
  hooks: {
    'astro:build:start': async () => {
      // Astro restores pages from its cache once its Vite build is done: the cache is checked first.
      await verifiedSent;
      globalThis.gc?.();
      const pass = loaders.latestContentPass();
      if (!pass) return;
      searchPlans = planSearch(cacheDir, pass.stats.searchGroups);
      searchSent = searchAlongsidePages(searchPlans);
      sent.push(send({ kind: 'content', images: pass.images, files: pass.files, ...(searchSent ? { search: searchPlans } : {}) }));
      // A card that failed is not sent: the build fails below, where it waits for them.
      sent.push(pass.shareCardsMade.then(() => send({ kind: 'cards', shareCards: pass.shareCards }), () => {}));
    },
  },
};

try {
  await build({ root, outDir: pages, logLevel: process.env.ROTATIVE_VERBOSE ? 'info' : 'warn', integrations: [afterContentPass] });
  // The share cards were made while Astro rendered (src/content/loaders.ts):
  // every file is in the cache before the report lets the wrapper publish; a
  // card that failed fails the build here. The wait counts as image time.
  const cardsWait = performance.now();
  const pass = loaders.latestContentPass();
  await pass?.shareCardsMade;
  if (pass) {
    pass.stats.timings.images += performance.now() - cardsWait;
    // Every file this site publishes is in the image cache: the others go (under the pages lock build.ts holds).
    const used = new Set([...variantFiles(pass.images), ...cardFiles(pass.shareCards)]);
    pass.stats.images.pruned = writingInto(cacheDir, 'le cache des images', () => pruneImageCache(imageCacheDir(cacheDir), used, performance.timeOrigin));
  }
  writingInto(cacheDir, 'les signatures du cache des pages', signAstro);
} catch (err) {
  // Cards still being made finish before the process exits: no temporary file left in the cache.
  await loaders.latestContentPass()?.shareCardsMade.catch(() => {});
  // What is signed below is what the check found (a build stopped before it needed the check).
  await verified.catch(() => {});
  rmSync(scratch, { recursive: true, force: true });
  try {
    signAstro();
  } catch {
    // Not signed (a full disk): the next build renders what it cannot verify.
  }
  try {
    report();
  } catch {
    // A full disk: the wrapper reads no report of a failed build.
  }
  const problems = loaders.latestContentPass()?.problems ?? [];
  // A content problem is the writer's to fix: their messages, not Astro's error.
  // A full disk is the person's: where, and what to do (Astro wraps what it meets).
  const refusal = problems.length > 0 ? undefined : writeRefusal(err, cacheDir, 'les pages (ou le cache)');
  if (problems.length > 0) console.error(formatProblems(problems));
  else if (refusal) console.error(`✖ Construction arrêtée : ${refusal.message}`);
  else console.error(`✖ Astro n’a pas pu construire les pages :\n${err instanceof Error ? err.message : String(err)}`);
  process.exit(problems.length > 0 || refusal ? 2 : 1);
}
try {
  writingInto(outDir, 'les pages du nouveau site', () => {
    try {
      renameSync(pages, outDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      cpSync(pages, outDir, { recursive: true });
    }
    rmSync(scratch, { recursive: true, force: true });
    // public/_headers is static; the `tdm-*` headers come from site.yaml. The
    // file is replaced, never written in place: it may be one file with a copy
    // elsewhere (src/publish/restore.ts).
    const context = loaders.latestContentPass()?.context;
    const headersFile = path.join(outDir, '_headers');
    if (context) {
      const headers = withTdmHeaders(readFileSync(headersFile, 'utf8'), context.site.tdm, context.base);
      rmSync(headersFile);
      writeFileSync(headersFile, headers);
    }
    report();
  });
  await Promise.all(sent);
  if (process.connected) process.disconnect();
} catch (err) {
  rmSync(scratch, { recursive: true, force: true });
  const refusal = writeRefusal(err, outDir, 'les pages du nouveau site');
  if (!refusal) throw err;
  console.error(`✖ Construction arrêtée : ${refusal.message}`);
  process.exit(2);
}
