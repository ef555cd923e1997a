/** `/series/<id>/feed.json`: the feed of one series in JSON Feed 1.1 (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSeriesFeed, getFeedSeriesIds } from '../../../data/feeds.ts';

export const getStaticPaths = (async () => (await getFeedSeriesIds()).map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getSeriesFeed(params.id!, 'json'), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
