/**
 * `npm run build`: content → images → pages (Astro) → search index, built in a
 * temporary folder and swapped into the output folder only when every phase
 * succeeded. A content mistake prints one line per problem and exits 1
 * without touching the previous site.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, globSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_ENV, readEnvironmentOrExit } from '../src/config/environment.ts';
import { toIsoString } from '../src/lib/dates.ts';
import { formatProblems } from '../src/lib/errors.ts';
import { sortByPublishedDesc } from '../src/lib/ordering.ts';
import { partitionByStatus } from '../src/lib/publishing.ts';
import { prepare } from '../src/build/prepare.ts';
import { publishAssets } from '../src/build/images.ts';
import { indexSite } from '../src/build/search.ts';
import {
  acquireLock,
  checkBuiltSite,
  display,
  guardOutputFolder,
  lockFile,
  markSite,
  nearestExisting,
  OutputError,
  ownershipProblem,
  releaseAllLocks,
  swapIn,
  type GuardResult,
} from '../src/build/output.ts';

const started = performance.now();
// Preview (drafts shown) belongs to the dev server: a build never publishes a draft.
delete process.env.ROTATIVE_PREVIEW;
const env = readEnvironmentOrExit();
const projectRoot = path.resolve(import.meta.dirname, '..');

// Before anything is written: the output folder must be one the build may
// replace (not the content, not the project, not someone's files).
let guard: GuardResult;
try {
  guard = guardOutputFolder({ outDir: env.outDir, contentDir: env.contentDir, projectRoot, cacheDir: env.cacheDir });
} catch (err) {
  if (!(err instanceof OutputError)) throw err;
  console.error(`✖ Build refused: ${err.message}\n  Nothing was written or deleted.`);
  process.exit(1);
}
const outDir = guard.outDir;
const parent = guard.workParent;
const prefix = `.${path.basename(outDir)}-building-`;
const work = path.join(parent, `${prefix}${process.pid}`);
process.on('exit', releaseAllLocks);

/** Removes what an earlier, killed build may have left behind. */
function removeStaleWork(): void {
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    let alive = false;
    try {
      alive = pid > 0 && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

let pagesProcess: ChildProcess | undefined;

function cleanUpAndExit(code: number): never {
  rmSync(work, { recursive: true, force: true });
  releaseAllLocks();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n✖ Build interrupted (${signal}): the previous site in ${path.relative(process.cwd(), env.outDir) || '.'} is untouched.`);
    const pages = pagesProcess;
    if (pages && pages.exitCode === null && pages.signalCode === null) {
      // Astro may still be writing into the temporary folder: remove it only
      // once the pages process has stopped.
      pages.once('exit', () => cleanUpAndExit(130));
      pages.kill('SIGTERM');
    } else cleanUpAndExit(130);
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  removeStaleWork();
  try {
    mkdirSync(work, { recursive: true });
  } catch (err) {
    const blocked = display(nearestExisting(parent));
    console.error(`✖ Build refused: cannot create the temporary folder ${work} (${(err as NodeJS.ErrnoException).code}): ${blocked} is read-only or not yours. Make it writable, or choose another ROTATIVE_OUT_DIR.\n  Nothing was written or deleted.`);
    process.exit(1);
  }
  const site = path.join(work, 'site');
  const manifestPath = path.join(work, 'images.json');

  const prepared = await prepare(env, { encode: true, manifestPath });
  if (prepared.problems.length > 0) {
    console.error(formatProblems(prepared.problems));
    console.error(`\n✖ Build stopped: nothing was published, the previous site is untouched.`);
    cleanUpAndExit(1);
  }

  // Astro renders the pages in a process of its own (see render-pages.ts);
  // the pages read the image manifest.
  // Astro keeps files of its own in the project's .astro/ folder during a
  // build (content-modules.mjs lists the content tree's modules, for one):
  // two builds of this checkout render their pages one after the other.
  const releasePages = await acquireLock(lockFile('pages', projectRoot), (pid) =>
    console.log(`⧗ Another build is running in this project (process ${pid}): waiting for it to finish its pages…`),
  );
  let t = performance.now();
  const phasesFile = path.join(work, 'phases.json');
  const code = await new Promise<number | null>((resolve) => {
    pagesProcess = spawn(process.execPath, [path.join(import.meta.dirname, 'render-pages.ts')], {
      stdio: 'inherit',
      env: {
        ...process.env,
        [MANIFEST_ENV]: manifestPath,
        ROTATIVE_NOW: env.now.toISOString(),
        // render-pages.ts runs Astro from the project root: paths made absolute.
        ROTATIVE_CONTENT_DIR: env.contentDir,
        ROTATIVE_CACHE_DIR: env.cacheDir,
        ROTATIVE_OUT_DIR: outDir,
        ROTATIVE_PAGES_DIR: site,
        ROTATIVE_PHASES_FILE: phasesFile,
      },
    });
    pagesProcess.on('exit', (c, signal) => resolve(signal ? 1 : c));
  });
  pagesProcess = undefined;
  releasePages();
  if (code !== 0) cleanUpAndExit(1);
  const { feeds: feedsTime } = JSON.parse(readFileSync(phasesFile, 'utf8')) as { feeds: number };
  const pagesTime = performance.now() - t;

  t = performance.now();
  const published = publishAssets(prepared.images, prepared.files, env.cacheDir, site);
  const copyTime = performance.now() - t;

  t = performance.now();
  let indexed: number;
  try {
    indexed = await indexSite(site);
  } catch (err) {
    console.error(`✖ ${(err as Error).message}`);
    cleanUpAndExit(1);
  }
  const searchTime = performance.now() - t;

  // The check: a page linking a stylesheet or script the build did not
  // write, or a broken feed, is never published.
  t = performance.now();
  markSite(site);
  const wrong = checkBuiltSite(site, { siteUrl: env.siteUrl ?? prepared.content.site?.url });
  if (wrong.length > 0) {
    console.error(`✖ The new site is incomplete:\n${wrong.map((w) => `  ${w}`).join('\n')}`);
    console.error(`\n✖ Build stopped: nothing was published, the previous site in ${display(outDir)} is untouched.`);
    cleanUpAndExit(1);
  }
  const checkTime = performance.now() - t;

  // The swap: the old site stays in place until the new one is complete.
  // Two builds into one output folder swap one after the other, and the
  // folder is checked again: it may have changed during the build.
  t = performance.now();
  await acquireLock(lockFile('output', outDir), (pid) =>
    console.log(`⧗ Another build (process ${pid}) is putting its site into ${display(outDir)}: waiting…`),
  );
  const changed = ownershipProblem(outDir);
  if (changed) {
    console.error(`✖ Build refused: ${changed}\n  Nothing was published.`);
    cleanUpAndExit(1);
  }
  try {
    swapIn(site, outDir, work, guard.mode);
  } catch (err) {
    console.error(`✖ Could not put the new site into ${display(outDir)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): the previous site was left in place.`);
    cleanUpAndExit(1);
  }
  rmSync(work, { recursive: true, force: true });
  releaseAllLocks();
  const swapTime = performance.now() - t;

  const { content } = prepared;
  const status = partitionByStatus(
    content.articles.map((a) => ({ slug: a.slug, draft: a.data.draft, publishedAt: a.data.publishedAt })),
    { now: env.now },
  );
  const publishedArticles = status.published;
  const scheduled = sortByPublishedDesc(status.scheduled).reverse();
  const drafts = status.drafts;
  const pageCount = globSync('**/*.html', { cwd: outDir }).length;
  const feedCount = globSync('**/rss.xml', { cwd: outDir }).length;
  const lines = [
    `✔ Site built in ${path.relative(process.cwd(), env.outDir) || env.outDir} in ${seconds(performance.now() - started)}`,
    `  articles: ${publishedArticles.length} published, ${scheduled.length} scheduled, ${drafts.length} draft${drafts.length === 1 ? '' : 's'}`,
    ...scheduled.map((a) => `    scheduled: ${a.slug} on ${toIsoString(a.publishedAt)}`),
    `  images: ${prepared.images.length} sources, ${prepared.encoded?.processed ?? 0} processed, ${prepared.encoded?.cached ?? 0} from cache, ${published} files published`,
    `  pages: ${pageCount} HTML pages, ${feedCount} RSS feeds, ${indexed} pages in the search index`,
    `  time: content ${seconds(prepared.timings.content)}, images ${seconds(prepared.timings.images + copyTime)}, pages ${seconds(pagesTime - feedsTime)}, feeds ${seconds(feedsTime)}, search ${seconds(searchTime)}, check ${seconds(checkTime)}, swap ${seconds(swapTime)}`,
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  cleanUpAndExit(1);
});
