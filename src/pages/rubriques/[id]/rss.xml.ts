/** `/rubriques/<id>/rss.xml`: the feed of one rubrique (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCategoryFeed, getFeedCategoryIds } from '../../../data/feeds.ts';

export const getStaticPaths = (async () => (await getFeedCategoryIds()).map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getCategoryFeed(params.id!, 'rss'), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
