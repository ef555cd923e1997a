/** `/series/<id>/atom.xml`: the feed of one series in Atom 1.0 (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSeriesFeed, getSeriesFeedKey, getFeedSeriesIds } from '../../../data/feeds.ts';

// cacheKey: Astro's incremental build reuses the feed while it is unchanged.
export const getStaticPaths = (async () =>
  Promise.all((await getFeedSeriesIds()).map(async (id) => ({ params: { id }, cacheKey: await getSeriesFeedKey(id) })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getSeriesFeed(params.id!, 'atom'), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
