/** `/series/<id>/feed.json`: the feed of one series in JSON Feed 1.1 (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSeriesFeed, getSeriesFeedKey, getFeedSeriesIds } from '../../../data/feeds.ts';

// cacheKey: Astro's incremental build reuses the feed while it is unchanged.
export const getStaticPaths = (async () =>
  Promise.all((await getFeedSeriesIds()).map(async (id) => ({ params: { id }, cacheKey: await getSeriesFeedKey(id) })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getSeriesFeed(params.id!, 'json'), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
