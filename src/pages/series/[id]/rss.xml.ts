/** `/series/<id>/rss.xml`: the feed of one series (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getFeedSeriesIds, getSeriesFeed, getSeriesFeedKey } from '../../../data/feeds.ts';

// cacheKey: Astro's incremental build reuses the feed while it is unchanged.
export const getStaticPaths = (async () =>
  Promise.all((await getFeedSeriesIds()).map(async (id) => ({ params: { id }, cacheKey: await getSeriesFeedKey(id) })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getSeriesFeed(params.id!, 'rss'), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
