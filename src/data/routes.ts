/**
 * The dynamic routes' data. Each route has ONE function that computes what a
 * path's page renders from; its getStaticPaths gives each path the cacheKey
 * of that same object (src/data/articles.ts, pageKey), and the page reads
 * that object and the layout's values (src/data/chrome.ts) and nothing else.
 * A page therefore cannot show something its key did not see: adding a value
 * to a page means adding it to its data, which changes its key.
 *
 * Only params go through getStaticPaths (passing whole views as props made a
 * large build stall: 124 s against 40 s for 8,000 articles); each path's
 * data is computed once and kept for its page.
 */
import { ARTICLES_PER_PAGE, laterPageNumbers, pageAt, pageFromParam, pageNumbers, pageParam } from '../lib/pagination.ts';
import { archivePath } from '../lib/urls.ts';
import { numberEpisodes } from '../lib/listings.ts';
import { getArticleContext, getListings, getMagazine, getSeriesEpisodes, pageKey, type ArticleView } from './articles.ts';
import { getShareImages, getSocialImages } from './images.ts';
import { getPages } from './pages.ts';

type Params = Record<string, string | undefined>;

export interface Route<P extends Params, D> {
  /** Every path of the route, each with the cacheKey of its data. */
  getStaticPaths(): Promise<{ params: P; cacheKey: string }[]>;
  /** The data of one path (Astro.params): all its page renders from. */
  data(params: P): Promise<D>;
}

function defineRoute<P extends Params, D>(name: string, list: () => Promise<P[]>, load: (params: P) => Promise<D>): Route<P, D> {
  const loaded = new Map<string, Promise<D>>();
  const data = (params: P): Promise<D> => {
    // Astro gives an absent rest parameter as undefined: JSON drops it either way.
    const id = JSON.stringify(params);
    let value = loaded.get(id);
    if (!value) {
      value = load(params);
      loaded.set(id, value);
    }
    return value;
  };
  return {
    data,
    getStaticPaths: async () => Promise.all((await list()).map(async (params) => ({ params, cacheKey: await pageKey(name, await data(params)) }))),
  };
}

/** A page of a paginated list: its number and its articles. */
function listPage(list: readonly ArticleView[], n: number) {
  return { n, page: pageAt(list, ARTICLES_PER_PAGE, n) };
}

/** `/articles/<slug>/`: the article, what its page shows around the body, and its social images (its cover's, or else its share card's). */
export const articleRoute = defineRoute(
  'article',
  async () => (await getMagazine()).articles.map((a) => ({ slug: a.slug })),
  async ({ slug }) => {
    const article = (await getMagazine()).bySlug.get(slug!)!;
    return { article, context: await getArticleContext(article), social: article.cover ? getSocialImages(article.cover.key) : getShareImages(article.slug) };
  },
);

/** `/articles/<former-slug>/`: the page left at each former address of a renamed article. */
export const aliasRoute = defineRoute(
  'alias',
  async () => (await getMagazine()).articles.flatMap((a) => a.aliases.map((alias) => ({ alias }))),
  async ({ alias }) => ({ alias: alias!, article: (await getMagazine()).articles.find((a) => a.aliases.includes(alias!))! }),
);

/** `/page/N/`: pages 2 and after of the home list (page 1 is `/`). */
export const homePageRoute = defineRoute(
  'home',
  async () => laterPageNumbers((await getListings()).home.ordered.length, ARTICLES_PER_PAGE).map((n) => ({ page: String(n) })),
  async ({ page }) => listPage((await getListings()).home.ordered, Number(page)),
);

/**
 * A paginated list about one subject (a rubrique, an author, a tag): every
 * subject gets its page 1, even with no published article yet, then one page
 * per ARTICLES_PER_PAGE articles.
 */
function subjectRoute<S, P extends 'id' | 'tag'>(
  name: string,
  param: P,
  source: () => Promise<{ subjects: Map<string, S>; lists: Map<string, ArticleView[]> }>,
) {
  return defineRoute(
    name,
    async () => {
      const { subjects, lists } = await source();
      return [...subjects.keys()].flatMap((key) =>
        pageNumbers(lists.get(key)?.length ?? 0, ARTICLES_PER_PAGE).map((n) => ({ [param]: key, page: pageParam(n) }) as Record<P | 'page', string | undefined>),
      );
    },
    async (params) => {
      const { subjects, lists } = await source();
      const key = params[param]!;
      return { subject: subjects.get(key)!, ...listPage(lists.get(key) ?? [], pageFromParam(params.page)) };
    },
  );
}

/** `/rubriques/<id>/` and `…/page/N/`. */
export const categoryRoute = subjectRoute('rubriques', 'id', async () => ({ subjects: (await getMagazine()).categories, lists: (await getListings()).byCategory }));

/** `/auteurs/<id>/` and `…/page/N/`: every author's profile, with their published articles. */
export const authorRoute = subjectRoute('auteurs', 'id', async () => ({ subjects: (await getMagazine()).authors, lists: (await getListings()).byAuthor }));

/** `/tags/<slug>/` and `…/page/N/`, for the tags of published articles only. */
export const tagRoute = subjectRoute('tags', 'tag', async () => ({ subjects: (await getMagazine()).tags, lists: (await getListings()).byTag }));

/**
 * `/archives/<AAAA>/` and `/archives/<AAAA>/<MM>/`, each with `…/page/N/`,
 * as archivePath writes them: only the years and months that have a
 * published article (the archive hub links exactly these).
 */
export const archiveRoute = defineRoute(
  'archives',
  async () => {
    const { archive } = await getListings();
    const root = archivePath();
    const period = (year: number, month: number | undefined, n: number) => archivePath(year, month, n).slice(root.length).replace(/\/$/, '');
    return archive.flatMap((y) => [
      ...pageNumbers(y.articles.length, ARTICLES_PER_PAGE).map((n) => ({ period: period(y.year, undefined, n) })),
      ...y.months.flatMap((m) => pageNumbers(m.articles.length, ARTICLES_PER_PAGE).map((n) => ({ period: period(m.year, m.month, n) }))),
    ]);
  },
  async ({ period }) => {
    // `2016`, `2016/05`, then the page parameter of src/lib/pagination.ts.
    const [yearPart, monthPart, ...rest] = period!.split('/');
    const month = monthPart !== undefined && /^\d+$/.test(monthPart) ? Number(monthPart) : undefined;
    const pageSegments = month === undefined ? [monthPart, ...rest].filter((s) => s !== undefined) : rest;
    const year = Number(yearPart);
    const y = (await getListings()).archive.find((entry) => entry.year === year)!;
    const list = month === undefined ? y.articles : y.months.find((m) => m.month === month)!.articles;
    return { year, month: month ?? null, ...listPage(list, pageFromParam(pageSegments.length > 0 ? pageSegments.join('/') : undefined)) };
  },
);

/** `/series/<id>/`: the series' summary (the date of its next episode included) and its numbered episodes. */
export const seriesRoute = defineRoute(
  'series',
  async () => [...(await getMagazine()).series.keys()].map((id) => ({ id })),
  async ({ id }) => ({
    summary: (await getListings()).series.find((s) => s.series.id === id)!,
    episodes: numberEpisodes(await getSeriesEpisodes(id!)),
  }),
);

/** `/<slug>/`: each page of content/pages/, its rendered body included. */
export const contentPageRoute = defineRoute(
  'pages',
  async () => (await getPages()).map((page) => ({ page: page.slug })),
  async ({ page }) => ({ page: (await getPages()).find((p) => p.slug === page)! }),
);
