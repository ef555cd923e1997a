/** `/series/<id>/rss.xml`: the feed of one series (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getFeedSeriesIds, getSeriesFeed } from '../../../data/feeds.ts';

export const getStaticPaths = (async () => (await getFeedSeriesIds()).map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getSeriesFeed(params.id!, 'rss'), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
