/**
 * The Rotative content loaders: one per collection, all fed by ONE pass over
 * the content tree (magazine.ts), shared by the collections of a sync. Every
 * article is stored with its rendered HTML (`rendered.html`), so Astro's
 * `render(entry)` serves that HTML and Vite bundles no article module.
 *
 * In `npm run dev`, a change anywhere in the content folder (an article, an
 * image, a YAML file) runs the pass again and updates every collection.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { readEnvironment } from '../config/environment.ts';
import { formatProblems } from '../lib/errors.ts';
import { prepareMagazine, type PreparedMagazine, type StoredArticle } from './magazine.ts';

/** What the `articles` collection stores per article: the pass's article, its page HTML in `rendered`, the rest in data. */
export type ArticleEntryData = Omit<StoredArticle, 'body'> & { feedHtml?: string; hasYoutube: boolean };

type CollectionName = 'articles' | 'authors' | 'categories' | 'series' | 'pages' | 'build';

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
}
const STATE = Symbol.for('rotative.content-pass');
function state(): LoaderState {
  const g = globalThis as { [STATE]?: LoaderState };
  g[STATE] ??= { stores: new Map() };
  return g[STATE];
}

/** The result of the latest content pass of this process, if one ran. */
export function latestContentPass(): PreparedMagazine | undefined {
  return state().result;
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
  s.pass ??= prepareMagazine(readEnvironment()).then((result) => {
    s.result = result;
    return result;
  });
  return s.pass;
}

/** Writes a collection's part of a pass into its store; entries that are gone are removed. */
function fill(name: CollectionName, { store }: LoaderContext, result: PreparedMagazine): void {
  const entries: { id: string; data: Record<string, unknown>; digest?: string; rendered?: { html: string; metadata: { headings: unknown[] } } }[] = [];
  switch (name) {
    case 'articles':
      for (const { body, ...article } of result.articles) {
        entries.push({
          id: article.slug,
          data: { ...article, feedHtml: body?.feedHtml, hasYoutube: body?.hasYoutube ?? false } satisfies ArticleEntryData,
          digest: article.digest || undefined,
          rendered: body && { html: body.html, metadata: { headings: body.headings } },
        });
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
    case 'build':
      if (result.context) entries.push({ id: 'context', data: { ...result.context } });
      break;
  }
  const ids = new Set(entries.map((e) => e.id));
  for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
  for (const entry of entries) store.set(entry);
}

function rotativeLoader(name: CollectionName): Loader {
  return {
    name: `rotative-${name}`,
    async load(context) {
      const s = state();
      s.stores.set(name, context);
      const result = await runPass();
      if (result.problems.length > 0) {
        if (!readEnvironment().preview) throw new ContentProblemsError(result.problems);
        context.logger.error(formatProblems(result.problems));
        return;
      }
      for (const notice of result.notices) context.logger.info(notice);
      fill(name, context, result);
      if (context.watcher && !s.watching) watch(context);
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
    if (!file.startsWith(contentDir)) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      s.pass = undefined;
      const result = await runPass();
      if (result.problems.length > 0) {
        logger.error(formatProblems(result.problems));
        return;
      }
      for (const [name, context] of s.stores) fill(name, context, result);
      logger.info('content updated');
    }, 50);
  };
  watcher!.on('add', rerun).on('change', rerun).on('unlink', rerun);
}

export const articlesLoader = rotativeLoader('articles');
export const authorsLoader = rotativeLoader('authors');
export const categoriesLoader = rotativeLoader('categories');
export const seriesLoader = rotativeLoader('series');
export const pagesLoader = rotativeLoader('pages');
export const buildLoader = rotativeLoader('build');
