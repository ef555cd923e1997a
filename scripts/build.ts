/**
 * `npm run build`: content, images and pages (Astro, with the Rotative
 * content loaders: src/content/) → search index, built in a temporary folder,
 * checked, and swapped into the output folder only when every phase
 * succeeded. A content mistake prints one line per problem and exits 1
 * without touching the previous site.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readEnvironmentOrExit } from '../src/config/environment.ts';
import { toIsoString } from '../src/lib/dates.ts';
import { rebuildFileFor, rebuildSchedule } from '../src/lib/rebuild.ts';
import { basePathOf, urlsFor } from '../src/lib/urls.ts';
import type { ShareCard } from '../src/content/share-images.ts';
import { astroCacheRoot, dropEditedCopies, signTree } from '../src/publish/restore.ts';
import { cacheSecret } from '../src/config/cache-secret.ts';
import type { PreparedMagazine } from '../src/content/edition.ts';
import type { SearchPlan, SearchReport } from '../src/publish/search.ts';
import { moveInto, replaceFile, WriteRefusal, writeRefusal, writingInto, writingIntoAsync } from '../src/publish/disk.ts';
import type { ContentMessage, ImagesChecked, PagesMessage } from '../src/publish/pages-messages.ts';
import { recordPublishedUrls, writeUrlManifest } from '../src/publish/lost-urls.ts';
import { inputsDigest, recordFile, recordNotice, recordOutput, recordProblem, recordReader, signedContent, trustedContent, whyRebuild, writeRecord, type BuildRecord, type ContentDigests } from '../src/publish/unchanged.ts';
import { accessibilityWarnings } from '../src/lib/accessibility.ts';
import { legalWarnings } from '../src/lib/legal.ts';
import { buildSummary, interruptedLine, isOwnLine, seconds, upToDateLine } from '../src/lib/summary.ts';
import { formatDraftProblems, type ContentProblem } from '../src/lib/errors.ts';
import type { Accessibility, Legal } from '../src/schemas/site.ts';
import {
  acquireLock,
  display,
  emptyTrash,
  guardOutputFolder,
  lockFile,
  markSite,
  moveToTrash,
  nearestExisting,
  OutputError,
  ownershipProblem,
  SITE_MARKER,
  releaseAllLocks,
  removeStaleFolders,
  swapIn,
  type GuardResult,
} from '../src/publish/output.ts';
import { phaseTime, timed } from '../src/publish/phase-timer.ts';

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
  console.error(`✖ Construction refusée : ${err.message}\n  Rien n’a été écrit ni effacé.`);
  process.exit(1);
}
const outDir = guard.outDir;
const parent = guard.workParent;
const prefix = `.${path.basename(outDir)}-building-`;
const work = path.join(parent, `${prefix}${process.pid}`);
process.on('exit', releaseAllLocks);

let pagesProcess: ChildProcess | undefined;
/** Whether the new site is in the output folder: a write refused after that leaves it published. */
let swapped = false;
/** The build's locks live in the system's temporary folder (lockFile). */
const lock = (kind: 'output' | 'pages', folder: string, onWait: (pid: number) => void) =>
  writingIntoAsync(tmpdir(), 'le verrou de construction', () => acquireLock(lockFile(kind, folder), onWait));

function cleanUpAndExit(code: number): never {
  rmSync(work, { recursive: true, force: true });
  releaseAllLocks();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // A site of ours carries the marker (markSite): the output folder holds the previous site, or nothing yet.
    const hasSite = existsSync(path.join(outDir, SITE_MARKER));
    console.error(`\n${interruptedLine(signal, path.relative(process.cwd(), env.outDir) || '.', swapped ? 'new site' : hasSite ? 'previous site' : 'nothing')}`);
    const pages = pagesProcess;
    if (pages && pages.exitCode === null && pages.signalCode === null) {
      // Astro may still be writing into the temporary folder: remove it only
      // once the pages process has stopped.
      pages.once('exit', () => cleanUpAndExit(130));
      pages.kill('SIGTERM');
    } else cleanUpAndExit(130);
  });
}


/**
 * When nothing a build reads changed since the previous build, and its site
 * is still in the output folder as it left it, that site is what this build
 * would write: say so and stop (src/publish/unchanged.ts). True when it did.
 */
async function upToDate(inputs: string, record: string, readRecord: () => BuildRecord | undefined): Promise<boolean> {
  const t = performance.now();
  const recorded = readRecord();
  const notice = recordNotice(record, recorded);
  if (notice) console.log(`  ${notice}`);
  if (env.fullBuild || recordProblem(recorded, inputs, env.now) !== undefined) return false;
  // The output folder (every file's stamp, or its bytes) is checked while no other build can swap its site in.
  await lock('output', outDir, (pid) => console.log(`⧗ Une autre construction (processus ${pid}) met son site dans ${display(outDir)} : attente…`));
  const previous = readRecord();
  const stands = whyRebuild(previous, inputs, env.now, outDir) === undefined;
  releaseAllLocks();
  if (!stands || !previous) return false;
  console.log(
    [
      upToDateLine(path.relative(process.cwd(), env.outDir) || env.outDir, performance.now() - started, toIsoString(new Date(previous.builtAt))),
      ...previous.summary,
      `  temps : entrées comparées en ${seconds(performance.now() - t)}`,
    ].join('\n'),
  );
  return true;
}

/** The phases of this process timed for the summary (phaseTime): done beside the pages, their times overlap the pages'. */
const SEARCH = 'search';
const PUBLISH = 'images published';

/** What was published and indexed while Astro rendered (their times: phaseTime). */
interface Alongside {
  /** Files of images, media and share cards published. */
  published: number;
  /** Undefined when the search was left for after the pages (searchAlongsidePages). */
  search: SearchReport | undefined;
}

/**
 * The modules only a build that makes a site needs (sharp, Pagefind, the
 * check's XML parser), loaded once upToDate found that the previous site
 * does not stand: a build with nothing to do is told so without them, 0.3 s
 * sooner (of 0.5 s of loading modules).
 */
async function loadMaking() {
  const [images, shareImages, search, siteCheck] = await Promise.all([
    import('../src/content/images.ts'),
    import('../src/content/share-images.ts'),
    import('../src/publish/search.ts'),
    import('../src/publish/site-check.ts'),
  ]);
  return { images, shareImages, search, siteCheck };
}
type Making = Awaited<ReturnType<typeof loadMaking>>;
/** Pagefind's failure (search.ts), once loaded: none can be thrown before. */
let SearchFailure: Making['search']['SearchFailure'] | undefined;

/** The sha256 of the search's published files by identity (indexSite), for the output's record. */
const searchDigests = new Map<string, string>();

/** The search index of `plans` (planSearch), into `<dir>/pagefind/`; a disk's refusal named. */
async function searchInto({ search }: Making, dir: string, plans: SearchPlan[]): Promise<SearchReport> {
  try {
    return await search.indexSite(dir, plans, env.cacheDir, undefined, searchDigests);
  } catch (err) {
    throw writeRefusal(err, dir, 'l’index de recherche') ?? err;
  }
}

/**
 * What needs the content pass but not the pages, done into `assets` while
 * Astro renders them: the search index of the pass's plan when it came
 * (searchAlongsidePages); then, once the earlier sites are out of the trash
 * (their images are names of the image cache's files: removing them moves
 * the stamps the cache is signed with, after this), the images and media
 * files; then the share cards once all are made, and the image cache's
 * signatures (`imagesChecked`: what the pages process's check found).
 * Fails with a WriteRefusal, or with the search's error, or when the pages
 * process stopped first.
 */
async function publishAlongside(
  making: Making,
  assets: string,
  content: Promise<ContentMessage>,
  cards: Promise<ShareCard[]>,
  emptying: Promise<void>,
  imagesChecked: () => ImagesChecked | undefined,
): Promise<Alongside> {
  const { images, files, search: plans } = await content;
  const search = plans && (await timed(SEARCH, () => searchInto(making, assets, plans)));
  await emptying;
  const publish = (what: string, write: () => number) => timed(PUBLISH, async () => writingInto(assets, what, write));
  let published = await publish('les images et vidéos du nouveau site', () => making.images.publishAssets(images, files, env.cacheDir, assets));
  const shareCards = await cards;
  published += await publish('les images du nouveau site', () => making.shareImages.publishShareCards(shareCards, env.cacheDir, assets));
  // The image cache signed as its files now stand, linked into the new site
  // (nothing links or unlinks them before the swap): the next build finds a
  // file edited through that link (verifyImageCache).
  const found = imagesChecked();
  if (found) await timed(PUBLISH, async () => writingInto(env.cacheDir, 'les signatures du cache des images', () => signTree(making.images.imageCacheDir(env.cacheDir), cacheSecret(), new Map(found))));
  return { published, search };
}

async function main(): Promise<void> {
  // Read before the build reads anything: a file saved during the build
  // makes the next one a full build.
  // The previous build's record first: the content files it stamped are not read again.
  const record = recordFile(env.cacheDir, outDir);
  const readRecord = recordReader(record);
  const contentFiles: ContentDigests = { found: new Map(), stamps: {}, previous: trustedContent(readRecord()) };
  const inputs = inputsDigest(env, projectRoot, process.env, contentFiles);
  if (await upToDate(inputs, record, readRecord)) return;
  const making = await loadMaking();
  SearchFailure = making.search.SearchFailure;
  // Before minutes of pages that could not be indexed.
  const noSearch = making.search.searchProgramProblem();
  if (noSearch) {
    console.error(`✖ Construction refusée : ${noSearch}\n  Rien n’a été écrit ni effacé.`);
    cleanUpAndExit(1);
  }

  // What an earlier, killed build may have left behind.
  removeStaleFolders(parent, prefix);
  try {
    mkdirSync(work, { recursive: true });
  } catch (err) {
    const refusal = writeRefusal(err, parent, 'le dossier temporaire du nouveau site');
    if (refusal && refusal.code !== 'EACCES' && refusal.code !== 'EPERM' && refusal.code !== 'EROFS') throw refusal;
    const blocked = display(nearestExisting(parent));
    console.error(`✖ Construction refusée : impossible de créer le dossier temporaire ${work} (${(err as NodeJS.ErrnoException).code}) : ${blocked} est en lecture seule ou n’est pas à vous. Rendez-le accessible en écriture, ou choisissez un autre ROTATIVE_OUT_DIR.\n  Rien n’a été écrit ni effacé.`);
    process.exit(1);
  }
  const site = path.join(work, 'site');
  // What the check above read of the content folder, for the content pass (knowContentDigests).
  const contentDigests = path.join(work, 'content-digests.json');
  writingInto(work, 'le dossier temporaire du nouveau site', () => writeFileSync(contentDigests, JSON.stringify(Object.fromEntries(contentFiles.found))));

  // Astro renders the pages in a process of its own (see render-pages.ts);
  // the content pass runs inside it, as Astro's content loaders.
  // Astro keeps files of its own in the project's .astro/ folder during a
  // build (content-modules.mjs lists the content tree's modules, for one):
  // two builds of this checkout render their pages one after the other.
  const releasePages = await lock('pages', projectRoot, (pid) =>
    console.log(`⧗ Une autre construction est en cours dans ce projet (processus ${pid}) : attente de la fin de ses pages…`),
  );
  // Pages of the previous site edited by hand since it was published do not
  // come back from Astro's cache (src/publish/restore.ts), found while their
  // stamps are still the recorded ones: before the trash is emptied.
  const previousRecord = readRecord();
  dropEditedCopies(astroCacheRoot(env.cacheDir), outDir, previousRecord);
  // The sites that earlier builds replaced: deleted while Astro renders,
  // once the pages process has checked Astro's cache against its stamps
  // (it says so), or has stopped.
  const trash = path.join(env.cacheDir, 'previous-sites');
  let startEmptying = () => {};
  const emptying = new Promise<void>((resolve) => (startEmptying = resolve)).then(() => emptyTrash(trash));
  // What the pages process sends while Astro renders (src/publish/pages-messages.ts).
  const content = Promise.withResolvers<ContentMessage>();
  const cards = Promise.withResolvers<ShareCard[]>();
  // Rejected when the pages process stops without sending it: met by whoever waits for it, never an unhandled rejection.
  content.promise.catch(() => {});
  cards.promise.catch(() => {});
  /** The image cache as the pages process found it (checked against its signatures), once it says so. */
  let imagesChecked: ImagesChecked | undefined;
  // Published and indexed into a folder of their own, moved into the site
  // once Astro has written it.
  const assets = path.join(work, 'assets');
  const alongside = publishAlongside(making, assets, content.promise, cards.promise, emptying, () => imagesChecked);
  alongside.catch(() => {});
  let t = performance.now();
  const reportFile = path.join(work, 'report.json');
  const code = await new Promise<number | null>((resolve) => {
    // --expose-gc: the pages process asks for one full collection once the content pass is done (render-pages.ts).
    pagesProcess = spawn(process.execPath, ['--expose-gc', path.join(import.meta.dirname, 'render-pages.ts')], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        ROTATIVE_NOW: env.now.toISOString(),
        // render-pages.ts runs Astro from the project root: paths made absolute.
        ROTATIVE_CONTENT_DIR: env.contentDir,
        ROTATIVE_CACHE_DIR: env.cacheDir,
        ROTATIVE_OUT_DIR: outDir,
        ROTATIVE_PAGES_DIR: site,
        ROTATIVE_REPORT_FILE: reportFile,
        ROTATIVE_CONTENT_DIGESTS: contentDigests,
        // The previous build's time, from the record read above (knowPreviousBuildTime); empty: none recorded.
        ROTATIVE_PREVIOUS_BUILT_AT: previousRecord?.builtAt ?? '',
        // Node keeps the compiled code of Astro, Vite and the project's
        // modules (a file per module, checked against its source): the
        // pages process starts ~0.5 s sooner.
        NODE_COMPILE_CACHE: env.compileCacheDir,
      },
    });
    pagesProcess.on('message', (message: PagesMessage) => {
      if (message.kind === 'verified') {
        imagesChecked = message.imagesChecked;
        startEmptying();
      }
      else if (message.kind === 'content') content.resolve(message);
      else cards.resolve(message.shareCards);
    });
    pagesProcess.on('exit', (c, signal) => {
      // What was not sent will not be: the work alongside stops waiting for it.
      const stopped = new Error('the pages process stopped before sending the content pass');
      content.reject(stopped);
      cards.reject(stopped);
      resolve(signal ? 1 : c);
    });
  });
  startEmptying();
  pagesProcess = undefined;
  releasePages();
  if (code !== 0) {
    // Nothing is left writing into the temporary folder when it is deleted.
    await alongside.catch(() => {});
    if (code === 2) console.error(`\n✖ Construction arrêtée : rien n’a été publié, le site précédent est intact.`);
    cleanUpAndExit(1);
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    /** The search records travel in the search's plan. */
    stats: Omit<PreparedMagazine['stats'], 'searchGroups'>;
    /** The search's plan, unless it came with the `content` message. */
    search?: SearchPlan[];
    siteUrl: string;
    notices: string[];
    draftProblems: ContentProblem[];
    legal?: Legal;
    /** Dates come back from JSON as strings; the warnings read only which fields are there. */
    accessibility?: Accessibility;
    feeds: number;
    /** The sha256 of the files of Astro's cache by identity: the pages restored from it (signTree). */
    digests: Record<string, string>;
  };
  const { stats, feeds: feedsTime } = report;
  const pagesTime = performance.now() - t - stats.timings.content - stats.timings.images - stats.timings.render;

  // Renamed articles: a 301 from each former address, for static hosts that
  // read a `_redirects` file (Netlify, Cloudflare Pages…); the others serve
  // the redirect page rendered at the former address (src/pages/articles/[alias]/).
  writingInto(site, 'le nouveau site', () => {
    if (stats.redirects.length > 0) {
      const urls = urlsFor(basePathOf(report.siteUrl));
      writeFileSync(path.join(site, '_redirects'), stats.redirects.map((r) => `${urls.articlePath(r.from)} ${urls.articlePath(r.to)} 301\n`).join(''));
    }
    // The list of the article addresses this site publishes, for the next
    // build's refusal to lose one (src/publish/lost-urls.ts).
    writeUrlManifest(site, report.siteUrl);
  });

  let published: number, search: SearchReport;
  try {
    const done = await alongside;
    published = done.published;
    // Left for now, the pages process gone (searchAlongsidePages).
    search = done.search ?? (await timed(SEARCH, () => searchInto(making, assets, report.search ?? [])));
  } catch (err) {
    if (err instanceof WriteRefusal || err instanceof making.search.SearchFailure) throw err;
    console.error(`✖ ${(err as Error).message}`);
    cleanUpAndExit(1);
  }
  writingInto(site, 'le nouveau site', () => moveInto(assets, site));

  // The check: a page linking a stylesheet or script the build did not
  // write, or a broken feed, is never published.
  t = performance.now();
  writingInto(site, 'le nouveau site', () => markSite(site));
  const checkCache = path.join(env.cacheDir, 'check');
  const cacheNotices: string[] = [];
  // The digests the pages process knows (the pages restored from Astro's
  // cache) and the search's (its files, published by link), then those the
  // check computes, for the record of the output folder (recordOutput).
  const digests = new Map([...Object.entries(report.digests), ...searchDigests]);
  const wrong = writingInto(checkCache, 'le cache de vérification des flux', () =>
    making.siteCheck.checkBuiltSite(site, { siteUrl: report.siteUrl, cacheDir: checkCache, notice: (line) => cacheNotices.push(line), digests }),
  );
  if (wrong.length > 0) {
    console.error(`✖ Le nouveau site est incomplet :\n${wrong.map((w) => `  ${w}`).join('\n')}`);
    console.error(`\n✖ Construction arrêtée : rien n’a été publié, le site précédent, dans ${display(outDir)}, est intact.`);
    cleanUpAndExit(1);
  }
  const checkTime = performance.now() - t;

  // The swap: the old site stays in place until the new one is complete.
  // Two builds into one output folder swap one after the other, and the
  // folder is checked again: it may have changed during the build.
  t = performance.now();
  // The earlier sites in the trash are gone before this one is recorded:
  // deleting a name of a file this site shares (an image linked from it)
  // changes that file's stamp (src/publish/stamps.ts fileStamp).
  await emptying;
  await lock('output', outDir, (pid) => console.log(`⧗ Une autre construction (processus ${pid}) met son site dans ${display(outDir)} : attente…`));
  const changed = ownershipProblem(outDir);
  if (changed) {
    console.error(`✖ Construction refusée : ${changed}\n  Rien n’a été publié.`);
    cleanUpAndExit(1);
  }
  // When this site goes stale, for the scheduler and for the next build.
  const timeline = stats.timeline.map((a) => ({
    slug: a.slug,
    publishedAt: new Date(a.publishedAt),
    expiresAt: a.expiresAt === undefined ? undefined : new Date(a.expiresAt),
    liveEnd: a.liveEnd === undefined ? undefined : new Date(a.liveEnd),
  }));
  const schedule = rebuildSchedule(timeline, env.now);
  try {
    swapIn(site, outDir, work, guard.mode, undefined, moveToTrash(trash));
  } catch (err) {
    const refusal = writeRefusal(err, outDir, 'le nouveau site');
    const why = refusal?.message ?? (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    // The previous site moved aside (swapIn) and could not be moved back:
    // it is kept where it is, never deleted with the temporary folder.
    // Moved out of the temporary folder, which the next build would delete
    // as a killed build's leftover (removeStaleFolders).
    let aside = path.join(work, 'previous');
    if (existsSync(aside) && !existsSync(outDir)) {
      const kept = path.join(parent, `.${path.basename(outDir)}-previous-${process.pid}`);
      try {
        renameSync(aside, kept);
        aside = kept;
        rmSync(work, { recursive: true, force: true });
      } catch {
        // Left where it is: named as it is.
      }
      console.error(`✖ Impossible de mettre le nouveau site dans ${display(outDir)} : ${why}\n  Le site précédent n’a pas pu être remis en place : il est intact dans ${aside}. Remettez-le avec : mv "${aside}" "${outDir}"`);
      releaseAllLocks();
      process.exit(1);
    }
    console.error(`✖ Impossible de mettre le nouveau site dans ${display(outDir)} : ${why}\n  Le site précédent est resté en place.`);
    cleanUpAndExit(1);
  }
  swapped = true;
  // The output folder as this build left it, listed before another build
  // may swap its own site in: the next build compares it with the folder.
  const output = recordOutput(outDir, path.dirname(record), readRecord(), digests);
  writingInto(env.cacheDir, 'le cache (adresses publiées)', () => recordPublishedUrls(outDir, env.cacheDir, env.contentDir));
  rmSync(work, { recursive: true, force: true });
  releaseAllLocks();
  const swapTime = performance.now() - t;

  // The schedule beside the output folder (it is not for readers), replaced
  // in one rename like the site; not written beside a read-only parent
  // (guardOutputFolder decided it before anything was written).
  const scheduleFile = guard.scheduleFile;
  const scheduleName = path.basename(rebuildFileFor(outDir));
  let scheduleWritten = true;
  let scheduleWarning: string | undefined;
  const notWritten = (why: string) => {
    scheduleWritten = false;
    scheduleWarning = `  ⚠ ${scheduleName} (quand reconstruire le site) n’a pas été écrit : ${why}. Le site est publié ; pour un planificateur qui lit ce fichier, donnez au dossier de sortie un dossier parent accessible en écriture.`;
  };
  if (!scheduleFile) notWritten(`${display(path.dirname(outDir))} est en lecture seule`);
  else {
    try {
      replaceFile(scheduleFile, `${JSON.stringify(schedule, null, 2)}\n`);
    } catch (err) {
      notWritten(`${display(path.dirname(outDir))} refuse l’écriture (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  const nextReason = schedule.reasons[0];

  const { scheduled } = stats;
  // Counted in the record's list of the output folder, not by listing it again.
  const outputFiles = Object.keys(output.files);
  const pageCount = outputFiles.filter((rel) => rel.endsWith('.html')).length;
  const feedCount = outputFiles.filter((rel) => rel === 'rss.xml' || rel.endsWith('/rss.xml')).length;
  const at = (date: Date | string) => toIsoString(new Date(date));
  const lines = [
    ...buildSummary({
      outDir: path.relative(process.cwd(), env.outDir) || env.outDir,
      totalMs: performance.now() - started,
      published: stats.published,
      drafts: stats.drafts,
      scheduled: scheduled.map((a) => ({ slug: a.slug, at: at(a.publishedAt) })),
      expired: stats.expired.map((a) => ({ slug: a.slug, at: at(a.expiresAt) })),
      expiring: stats.expiring.map((a) => ({ slug: a.slug, at: at(a.expiresAt) })),
      redirects: stats.redirects.length,
      rendered: stats.rendered,
      renderedFromCache: stats.renderedFromCache,
      renderMs: stats.timings.render,
      images: { ...stats.images, files: published },
      pages: pageCount,
      feeds: feedCount,
      search: { pages: search.pages, made: search.indexed, total: search.indexed + search.reused },
      timesMs: {
        content: stats.timings.content + stats.timings.render,
        images: stats.timings.images + phaseTime(PUBLISH),
        pages: pagesTime - feedsTime,
        feeds: feedsTime,
        search: phaseTime(SEARCH),
        check: checkTime,
        swap: swapTime,
      },
      next: nextReason && { at: at(nextReason.at), why: nextReason.why, slug: nextReason.slug },
      scheduleFile: scheduleName,
      scheduleWritten,
    }),
    ...(scheduleWarning ? [scheduleWarning] : []),
    ...[...report.notices, ...cacheNotices].map((n) => `  remarque : ${n}`),
    ...legalWarnings(report.legal).map((w) => `  ⚠ ${w}`),
    ...accessibilityWarnings(report.accessibility).map((w) => `  ⚠ ${w}`),
    ...(report.draftProblems.length > 0 ? formatDraftProblems(report.draftProblems).split('\n').map((line) => `  ${line}`) : []),
  ];
  // What the next build compares its inputs with, and shows if this site stands.
  const summary = lines.slice(1).filter((line) => !isOwnLine(line));
  writingInto(path.dirname(record), 'le cache (relevé de la construction)', () =>
    writeRecord(record, { inputs, next: schedule.next, builtAt: env.now.toISOString(), ...output, content: signedContent(contentFiles.stamps), summary }),
  );
  console.log(lines.join('\n'));
}

/** Stops the build with `message` (French), saying whether the new site was published. */
function stopped(message: string): never {
  const after = swapped
    ? `Le nouveau site est publié dans ${display(outDir)} ; la construction suivante refera ce qui manque au cache.`
    : existsSync(path.join(outDir, SITE_MARKER))
      ? `Rien n’a été publié : le site précédent, dans ${display(outDir)}, est intact.`
      : `Rien n’a été publié : ${display(outDir)} ne contient aucun site.`;
  console.error(`✖ Construction arrêtée : ${message}\n  ${after}`);
  cleanUpAndExit(1);
}

let ended = false;
main().then(
  () => {
    ended = true;
  },
  (err: unknown) => {
    if (err instanceof WriteRefusal || (SearchFailure && err instanceof SearchFailure)) stopped(err.message);
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    cleanUpAndExit(1);
  },
);
// Node ends a process that has nothing left to wait for, with success, even
// when the build still awaits an answer: a program it started (Pagefind's,
// whose Node API does not notice it ending) stopped without one.
process.on('beforeExit', () => {
  if (!ended) stopped('elle attendait la réponse d’un programme qu’elle a lancé (Pagefind, pour l’index de recherche, ou Astro, pour les pages), qui s’est arrêté sans répondre. Construisez à nouveau ; si cela revient, installez à nouveau les dépendances avec « npm ci ».');
});
