/**
 * The Rotative content loaders: one per collection, all fed by ONE pass over
 * the content tree (magazine.ts), shared by the collections of a sync. The
 * collections hold what pages list and show; the rendered bodies (page and
 * feed HTML) stay in this process's memory, published beside the articles
 * collection (bodies.ts): Astro's data store, which a build serialises,
 * compiles into a module and parses again, stays small, and no article
 * module is bundled.
 *
 * In `npm run dev`, a change anywhere in the content folder (an article, an
 * image, a YAML file) runs the pass again and updates every collection. A
 * pass with problems leaves the collections as they were and is kept as the
 * latest pass: the dev server then answers every page with the writer's
 * messages (src/dev/assets.ts), until a change fixes them.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { readEnvironment } from '../config/environment.ts';
import { formatDraftProblems, formatProblems } from '../lib/errors.ts';
import { publishArticleBodies } from './bodies.ts';
import { publishStoreSize } from './store-sizes.ts';
import { prepareMagazine, type PreparedMagazine, type StoredArticle } from './edition.ts';
import type { Heading } from '../render/article.ts';

/** What the `articles` collection stores per article: the pass's article without its rendered body. */
export type ArticleEntryData = Omit<StoredArticle, 'body'> & { hasYoutube: boolean };

type CollectionName = 'articles' | 'authors' | 'categories' | 'series' | 'pages' | 'editions' | 'build';

/**
 * Shared by the loaders, the build wrapper (scripts/render-pages.ts) and the
 * dev server's asset middleware, which Astro loads as separate module
 * instances in one process: kept on globalThis under a registered symbol.
 */
interface LoaderState {
  pass?: Promise<PreparedMagazine>;
  result?: PreparedMagazine;
  stores: Map<CollectionName, LoaderContext>;
  watching?: boolean;
  /** Counts the passes started, so that only the newest one's result is kept when passes overlap. */
  generation: number;
  /** In the dev server: the error that stopped the latest pass (a bug, or a file caught half-written). */
  failure?: Error;
}
const STATE = Symbol.for('rotative.content-pass');
function state(): LoaderState {
  const g = globalThis as { [STATE]?: LoaderState };
  g[STATE] ??= { stores: new Map(), generation: 0 };
  return g[STATE];
}

/** The result of the latest content pass of this process, if one ran. */
export function latestContentPass(): PreparedMagazine | undefined {
  return state().result;
}

/** In the dev server: the error that stopped the latest content pass, if it did not finish. */
export function latestContentFailure(): Error | undefined {
  return state().failure;
}

/** A content problem stops the build: the problems are printed by the wrapper, without a stack trace. */
export class ContentProblemsError extends Error {
  readonly problems: PreparedMagazine['problems'];
  constructor(problems: PreparedMagazine['problems']) {
    super(formatProblems(problems));
    this.name = 'ContentProblemsError';
    this.problems = problems;
  }
}

function runPass(): Promise<PreparedMagazine> {
  const s = state();
  if (!s.pass) {
    const generation = ++s.generation;
    const env = readEnvironment();
    // A build renders its pages while the share cards are made; scripts/render-pages.ts
    // waits for them before it reports. The dev server serves them from the cache: made first.
    s.pass = prepareMagazine(env, { shareCardsLater: !env.preview }).then(
      (result) => {
        if (generation === s.generation) {
          s.result = result;
          s.failure = undefined;
        }
        return result;
      },
      (error: unknown) => {
        if (generation === s.generation) s.failure = error instanceof Error ? error : new Error(String(error));
        throw error;
      },
    );
  }
  return s.pass;
}

/** Writes a collection's part of a pass into its store; entries that are gone are removed. */
function fill(name: CollectionName, { store }: LoaderContext, result: PreparedMagazine): void {
  const entries: { id: string; data: Record<string, unknown>; digest?: string; rendered?: { html: string; metadata: { headings: Heading[] } } }[] = [];
  switch (name) {
    case 'articles':
      publishArticleBodies(new Map(result.articles.flatMap((a) => (a.body ? [[a.slug, a.body] as const] : []))));
      for (const { body, ...article } of result.articles) {
        const data = { ...article, hasYoutube: body?.hasYoutube ?? false } satisfies ArticleEntryData;
        // The store keeps an entry whose digest it already has: the digest
        // covers all of the entry (the body's digest is part of it), or a
        // title edited above an unchanged body would stay the old one.
        entries.push({ id: article.slug, data, digest: createHash('sha256').update(JSON.stringify(data)).digest('hex') });
      }
      break;
    case 'authors':
      for (const a of result.authors) entries.push({ id: a.id, data: { ...a } });
      break;
    case 'categories':
      for (const c of result.categories) entries.push({ id: c.id, data: { ...c } });
      break;
    case 'series':
      for (const s of result.series) entries.push({ id: s.id, data: { ...s } });
      break;
    case 'pages':
      for (const p of result.pages) entries.push({ id: p.slug, data: { ...p } });
      break;
    case 'editions':
      for (const e of result.editions) entries.push({ id: e.id, data: { ...e } });
      break;
    case 'build':
      if (result.context) entries.push({ id: 'context', data: { ...result.context } });
      break;
  }
  const ids = new Set(entries.map((e) => e.id));
  for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
  for (const entry of entries) store.set(entry);
  publishStoreSize(name, entries.length);
}

/** The pass's notices, and its drafts set aside with their problems (warnings: the rest is published). */
function logNotices(logger: LoaderContext['logger'], result: PreparedMagazine): void {
  for (const notice of result.notices) logger.info(notice);
  if (result.draftProblems.length > 0) logger.warn(formatDraftProblems(result.draftProblems));
}

function rotativeLoader(name: CollectionName): Loader {
  return {
    name: `rotative-${name}`,
    async load(context) {
      const s = state();
      s.stores.set(name, context);
      // Watch before the first pass can fail: a writer fixes a mistake
      // while the server runs, without restarting it.
      if (context.watcher && !s.watching) watch(context);
      const { preview } = readEnvironment();
      let result: PreparedMagazine;
      try {
        result = await runPass();
      } catch (error) {
        if (!preview) throw error;
        if (name === 'articles') context.logger.error(String(error instanceof Error ? (error.stack ?? error.message) : error));
        return;
      }
      if (result.problems.length > 0) {
        if (!preview) throw new ContentProblemsError(result.problems);
        // Logged once, by the first collection; the dev server shows them in every page.
        if (name === 'articles') context.logger.error(formatProblems(result.problems));
        return;
      }
      if (name === 'articles') logNotices(context.logger, result);
      fill(name, context, result);
    },
  };
}

/** In the dev server: any change in the content folder runs the pass again and refills every collection. */
function watch({ watcher, logger }: LoaderContext): void {
  const s = state();
  s.watching = true;
  const { contentDir } = readEnvironment();
  watcher!.add(contentDir);
  let timer: NodeJS.Timeout | undefined;
  const rerun = (file: string) => {
    if (file !== contentDir && !file.startsWith(contentDir + path.sep)) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      s.pass = undefined;
      const pass = runPass();
      const generation = s.generation;
      let result: PreparedMagazine;
      try {
        result = await pass;
      } catch (error) {
        // Kept for the page (latestContentFailure); the next change runs the pass again.
        logger.error(String(error instanceof Error ? (error.stack ?? error.message) : error));
        return;
      }
      // A newer change started a newer pass: its result is the one to store.
      if (generation !== s.generation) return;
      if (result.problems.length > 0) {
        logger.error(formatProblems(result.problems));
        return;
      }
      logNotices(logger, result);
      for (const [name, context] of s.stores) fill(name, context, result);
      logger.info('content updated');
    }, 50);
  };
  // A renamed file or folder comes as an unlink and an add.
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher!.on(event, rerun);
}

export const articlesLoader = rotativeLoader('articles');
export const authorsLoader = rotativeLoader('authors');
export const categoriesLoader = rotativeLoader('categories');
export const seriesLoader = rotativeLoader('series');
export const pagesLoader = rotativeLoader('pages');
export const editionsLoader = rotativeLoader('editions');
export const buildLoader = rotativeLoader('build');
