/** `/rubriques/<id>/feed.json`: the feed of one rubrique in JSON Feed 1.1 (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCategoryFeed, getCategoryFeedKey, getFeedCategoryIds } from '../../../data/feeds.ts';

// cacheKey: Astro's incremental build reuses the feed while it is unchanged.
export const getStaticPaths = (async () =>
  Promise.all((await getFeedCategoryIds()).map(async (id) => ({ params: { id }, cacheKey: await getCategoryFeedKey(id) })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getCategoryFeed(params.id!, 'json'), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
