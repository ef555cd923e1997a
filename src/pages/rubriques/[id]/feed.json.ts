/** `/rubriques/<id>/feed.json`: the feed of one rubrique in JSON Feed 1.1 (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCategoryFeed, getFeedCategoryIds } from '../../../data/feeds.ts';

export const getStaticPaths = (async () => (await getFeedCategoryIds()).map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getCategoryFeed(params.id!, 'json'), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
