/**
 * `npm run build`: content → images → pages (Astro) → search index, built in a
 * temporary folder and swapped into the output folder only when every phase
 * succeeded. A content mistake prints one line per problem and exits 1
 * without touching the previous site.
 */
import { existsSync, globSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readEnvironmentOrExit } from '../src/config/environment.ts';
import { formatProblems } from '../src/lib/errors.ts';
import { prepare } from '../src/build/prepare.ts';
import { publishAssets } from '../src/build/images.ts';
import { indexSite } from '../src/build/search.ts';
import { phaseTime } from '../src/build/phase-timer.ts';
import { MANIFEST_ENV } from '../src/data/context.ts';

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

function cleanUpAndExit(code: number): never {
  rmSync(work, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n✖ Build interrupted (${signal}): the previous site in ${path.relative(process.cwd(), env.outDir) || '.'} is untouched.`);
    cleanUpAndExit(130);
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

  // Astro renders the pages in this same process; they read the manifest.
  process.env[MANIFEST_ENV] = manifestPath;
  process.env.ROTATIVE_NOW = env.now.toISOString();
  let t = performance.now();
  const { build } = await import('astro');
  try {
    await build({ root: process.cwd(), outDir: site, logLevel: process.env.ROTATIVE_VERBOSE ? 'info' : 'warn' });
  } catch (err) {
    console.error(`✖ Astro could not build the pages:\n${err instanceof Error ? err.message : String(err)}`);
    cleanUpAndExit(1);
  }
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
  const now = env.now;
  const publishedArticles = content.articles.filter((a) => !a.data.draft && a.data.publishedAt <= now);
  const scheduled = content.articles.filter((a) => !a.data.draft && a.data.publishedAt > now).sort((a, b) => a.data.publishedAt.getTime() - b.data.publishedAt.getTime());
  const drafts = content.articles.filter((a) => a.data.draft);
  const pageCount = globSync('**/*.html', { cwd: env.outDir }).length;
  const feedCount = globSync('**/rss.xml', { cwd: env.outDir }).length;
  const feedsTime = phaseTime('feeds');
  const lines = [
    `✔ Site built in ${path.relative(process.cwd(), env.outDir) || env.outDir} in ${seconds(performance.now() - started)}`,
    `  articles: ${publishedArticles.length} published, ${scheduled.length} scheduled, ${drafts.length} draft${drafts.length === 1 ? '' : 's'}`,
    ...scheduled.map((a) => `    scheduled: ${a.slug} on ${a.data.publishedAt.toISOString()}`),
    `  images: ${prepared.images.length} sources, ${prepared.encoded?.processed ?? 0} processed, ${prepared.encoded?.cached ?? 0} from cache, ${published} files published`,
    `  pages: ${pageCount} HTML pages, ${feedCount} RSS feeds, ${indexed} pages in the search index`,
    `  time: content ${seconds(prepared.timings.content)}, images ${seconds(prepared.timings.images + copyTime)}, pages ${seconds(pagesTime - feedsTime)}, feeds ${seconds(feedsTime)}, search ${seconds(searchTime)}, swap ${seconds(swapTime)}`,
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  cleanUpAndExit(1);
});
