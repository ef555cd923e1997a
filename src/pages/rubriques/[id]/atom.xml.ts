/** `/rubriques/<id>/atom.xml`: the feed of one rubrique in Atom 1.0 (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCategoryFeed, getCategoryFeedKey, getFeedCategoryIds } from '../../../data/feeds.ts';

// cacheKey: Astro's incremental build reuses the feed while it is unchanged.
export const getStaticPaths = (async () =>
  Promise.all((await getFeedCategoryIds()).map(async (id) => ({ params: { id }, cacheKey: await getCategoryFeedKey(id) })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getCategoryFeed(params.id!, 'atom'), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
