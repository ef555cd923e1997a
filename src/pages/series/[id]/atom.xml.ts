/** `/series/<id>/atom.xml`: the feed of one series in Atom 1.0 (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSeriesFeed, getFeedSeriesIds } from '../../../data/feeds.ts';

export const getStaticPaths = (async () => (await getFeedSeriesIds()).map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getSeriesFeed(params.id!, 'atom'), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
