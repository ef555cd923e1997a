/** `/rubriques/<id>/atom.xml`: the feed of one rubrique in Atom 1.0 (src/data/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCategoryFeed, getFeedCategoryIds } from '../../../data/feeds.ts';

export const getStaticPaths = (async () => (await getFeedCategoryIds()).map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await getCategoryFeed(params.id!, 'atom'), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
