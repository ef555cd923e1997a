/**
 * `npm run build`: content → images → pages (Astro) → search index, built in a
 * temporary folder and swapped into the output folder only when every phase
 * succeeded. A content mistake prints one line per problem and exits 1
 * without touching the previous site.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, globSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_ENV, readEnvironmentOrExit } from '../src/config/environment.ts';
import { toIsoString } from '../src/lib/dates.ts';
import { formatProblems } from '../src/lib/errors.ts';
import { sortByPublishedDesc } from '../src/lib/ordering.ts';
import { partitionByStatus } from '../src/lib/publishing.ts';
import { prepare } from '../src/build/prepare.ts';
import { publishAssets } from '../src/build/images.ts';
import { indexSite } from '../src/build/search.ts';

const started = performance.now();
// Preview (drafts shown) belongs to the dev server: a build never publishes a draft.
delete process.env.ROTATIVE_PREVIEW;
const env = readEnvironmentOrExit();

const parent = path.dirname(env.outDir);
const prefix = `.${path.basename(env.outDir)}-building-`;
const work = path.join(parent, `${prefix}${process.pid}`);

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
  mkdirSync(work, { recursive: true });
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
  let t = performance.now();
  const phasesFile = path.join(work, 'phases.json');
  const code = await new Promise<number | null>((resolve) => {
    pagesProcess = spawn(process.execPath, [path.join(import.meta.dirname, 'render-pages.ts')], {
      stdio: 'inherit',
      env: {
        ...process.env,
        [MANIFEST_ENV]: manifestPath,
        ROTATIVE_NOW: env.now.toISOString(),
        ROTATIVE_PAGES_DIR: site,
        ROTATIVE_PHASES_FILE: phasesFile,
      },
    });
    pagesProcess.on('exit', (c, signal) => resolve(signal ? 1 : c));
  });
  pagesProcess = undefined;
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

  // The swap: the old site stays in place until the new one is complete.
  t = performance.now();
  const old = path.join(work, 'previous');
  if (existsSync(env.outDir)) renameSync(env.outDir, old);
  renameSync(site, env.outDir);
  rmSync(work, { recursive: true, force: true });
  const swapTime = performance.now() - t;

  const { content } = prepared;
  const status = partitionByStatus(
    content.articles.map((a) => ({ slug: a.slug, draft: a.data.draft, publishedAt: a.data.publishedAt })),
    { now: env.now },
  );
  const publishedArticles = status.published;
  const scheduled = sortByPublishedDesc(status.scheduled).reverse();
  const drafts = status.drafts;
  const pageCount = globSync('**/*.html', { cwd: env.outDir }).length;
  const feedCount = globSync('**/rss.xml', { cwd: env.outDir }).length;
  const lines = [
    `✔ Site built in ${path.relative(process.cwd(), env.outDir) || env.outDir} in ${seconds(performance.now() - started)}`,
    `  articles: ${publishedArticles.length} published, ${scheduled.length} scheduled, ${drafts.length} draft${drafts.length === 1 ? '' : 's'}`,
    ...scheduled.map((a) => `    scheduled: ${a.slug} on ${toIsoString(a.publishedAt)}`),
    `  images: ${prepared.images.length} sources, ${prepared.encoded?.processed ?? 0} processed, ${prepared.encoded?.cached ?? 0} from cache, ${published} files published`,
    `  pages: ${pageCount} HTML pages, ${feedCount} feeds (each in RSS, Atom and JSON Feed), ${indexed} pages in the search index`,
    `  time: content ${seconds(prepared.timings.content)}, images ${seconds(prepared.timings.images + copyTime)}, pages ${seconds(pagesTime - feedsTime)}, feeds ${seconds(feedsTime)}, search ${seconds(searchTime)}, swap ${seconds(swapTime)}`,
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  cleanUpAndExit(1);
});
