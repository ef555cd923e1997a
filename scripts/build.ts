/**
 * `npm run build`: content, images and pages (Astro, with the Rotative
 * content loaders: src/loaders/) → search index, built in a temporary folder
 * and swapped into the output folder only when every phase succeeded. A
 * content mistake prints one line per problem and exits 1 without touching
 * the previous site.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, globSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readEnvironmentOrExit } from '../src/config/environment.ts';
import { toIsoString } from '../src/lib/dates.ts';
import { publishAssets, type FileRecord, type ImageRecord } from '../src/build/images.ts';
import type { PreparedMagazine } from '../src/loaders/magazine.ts';
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

  // Astro renders the pages in a process of its own (see render-pages.ts);
  // the content pass runs inside it, as Astro's content loaders.
  let t = performance.now();
  const reportFile = path.join(work, 'report.json');
  const code = await new Promise<number | null>((resolve) => {
    pagesProcess = spawn(process.execPath, [path.join(import.meta.dirname, 'render-pages.ts')], {
      stdio: 'inherit',
      env: {
        ...process.env,
        ROTATIVE_NOW: env.now.toISOString(),
        ROTATIVE_PAGES_DIR: site,
        ROTATIVE_REPORT_FILE: reportFile,
      },
    });
    pagesProcess.on('exit', (c, signal) => resolve(signal ? 1 : c));
  });
  pagesProcess = undefined;
  if (code === 2) {
    console.error(`\n✖ Build stopped: nothing was published, the previous site is untouched.`);
    cleanUpAndExit(1);
  }
  if (code !== 0) cleanUpAndExit(1);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    stats: PreparedMagazine['stats'];
    notices: string[];
    images: ImageRecord[];
    files: FileRecord[];
    feeds: number;
  };
  const feedsTime = report.feeds;
  const { stats } = report;
  const pagesTime = performance.now() - t - stats.timings.content - stats.timings.images - stats.timings.render;

  t = performance.now();
  const published = publishAssets(report.images, report.files, env.cacheDir, site);
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

  const scheduled = stats.scheduled;
  const pageCount = globSync('**/*.html', { cwd: env.outDir }).length;
  const feedCount = globSync('**/rss.xml', { cwd: env.outDir }).length;
  const lines = [
    `✔ Site built in ${path.relative(process.cwd(), env.outDir) || env.outDir} in ${seconds(performance.now() - started)}`,
    `  articles: ${stats.published} published, ${scheduled.length} scheduled, ${stats.drafts} draft${stats.drafts === 1 ? '' : 's'}`,
    ...scheduled.map((a) => `    scheduled: ${a.slug} on ${toIsoString(new Date(a.publishedAt))}`),
    `  rendered: ${stats.rendered} articles rendered, ${stats.renderedFromCache} from cache (${seconds(stats.timings.render)})`,
    `  images: ${stats.images.sources} sources, ${stats.images.processed} processed, ${stats.images.cached} from cache, ${published} files published`,
    `  pages: ${pageCount} HTML pages, ${feedCount} feeds (each in RSS, Atom and JSON Feed), ${indexed} pages in the search index`,
    `  time: content ${seconds(stats.timings.content + stats.timings.render)}, images ${seconds(stats.timings.images + copyTime)}, pages ${seconds(pagesTime - feedsTime)}, feeds ${seconds(feedsTime)}, search ${seconds(searchTime)}, swap ${seconds(swapTime)}`,
    ...report.notices.map((n) => `  notice: ${n}`),
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  cleanUpAndExit(1);
});
